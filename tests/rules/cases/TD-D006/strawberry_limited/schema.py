import strawberry
from strawberry.extensions import QueryDepthLimiter


@strawberry.type
class Book:
    title: str


@strawberry.type
class Query:
    @strawberry.field
    def books(self, first: int = 20) -> list[Book]:
        return []


# ok: TD-D006
schema = strawberry.Schema(query=Query, extensions=[QueryDepthLimiter(max_depth=8)])
