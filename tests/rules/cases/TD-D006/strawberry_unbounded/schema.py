import strawberry


@strawberry.type
class Author:
    name: str
    books: list["Book"]


@strawberry.type
class Book:
    title: str
    author: Author


@strawberry.type
class Query:
    @strawberry.field
    def books(self, first: int = 20) -> list[Book]:
        return []


# ruleid: TD-D006
schema = strawberry.Schema(query=Query)
