import strawberry
from strawberry.types import Info

from library.db import Member as MemberRow
from library.db import session


@strawberry.type
class Member:
    id: strawberry.ID
    name: str
    email: str


@strawberry.type
class Query:
    # ruleid: TD-S017
    @strawberry.field
    def members(self, info: Info) -> list[Member]:
        return session.query(MemberRow).all()

    @strawberry.field
    def member(self, info: Info, id: strawberry.ID) -> Member | None:
        return session.get(MemberRow, id)


schema = strawberry.Schema(query=Query)
