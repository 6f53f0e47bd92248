from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from .clock import today
from .dashboard import home_panels_for


@login_required
def home(request):
    context = {"panels": home_panels_for(request.user), "today": today()}
    return render(request, "emenscr/home.html", context)
