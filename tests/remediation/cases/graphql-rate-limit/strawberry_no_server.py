"""Loans: a Strawberry schema whose server lives in another repository, so how the request
reaches the resolvers (and the client's address) is not known here."""

import strawberry

from loans.store import loans


@strawberry.type
class Loan:
    id: strawberry.ID
    book_id: str


@strawberry.type
class Query:
    @strawberry.field
    def loan(self, id: strawberry.ID) -> Loan | None:
        return loans.get(id)


@strawberry.type
class Mutation:
    # ruleid: TD-D004
    @strawberry.mutation
    def lend(self, book_id: str) -> Loan:
        return loans.add(book_id)


schema = strawberry.Schema(query=Query, mutation=Mutation)
