import strawberry

from .permissions import IsAuthenticated


@strawberry.type
class Customer:
    id: strawberry.ID
    email: str
    phone_number: str


@strawberry.type
class Query:
    # ruleid: TD-S017
    @strawberry.field
    def customers(self, info, first: int = 20) -> list[Customer]:
        return Customer.objects.all()[:first]

    # ok: TD-S017
    @strawberry.field(permission_classes=[IsAuthenticated])
    def customer(self, info, id: strawberry.ID) -> Customer:
        return Customer.objects.get(id=id)


schema = strawberry.Schema(query=Query)
