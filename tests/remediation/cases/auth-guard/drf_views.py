from rest_framework import generics
from rest_framework.permissions import AllowAny, IsAuthenticated


class NoteCreate(generics.CreateAPIView):
    permission_classes = [IsAuthenticated]


# ruleid: TD-S001
class TagCreate(generics.CreateAPIView):
    permission_classes = [AllowAny]
