from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST


# ruleid: TD-T009
@csrf_exempt
@login_required
@require_POST
def update_cart(request):
    request.session["cart"] = request.POST.getlist("items")
    return HttpResponse(status=204)


# ok: TD-T009
@csrf_exempt
@require_POST
def payment_hook(request):
    return HttpResponse(status=202)


# ok: TD-T009
@login_required
@require_POST
def edit_profile(request):
    return HttpResponse(status=204)
