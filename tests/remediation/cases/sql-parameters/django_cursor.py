from django.db import connection
from django.http import JsonResponse


def search(request):
    term = request.GET.get("q", "")
    with connection.cursor() as cursor:
        # ruleid: TD-T001
        cursor.execute("SELECT id FROM patients_patient WHERE full_name = '" + term + "' AND id > 0")
        rows = cursor.fetchall()
    return JsonResponse({"results": rows})
