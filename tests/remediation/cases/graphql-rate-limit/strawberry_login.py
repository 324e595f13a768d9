"""Members sign up and sign in; sign-ups are already rate-limited."""

import strawberry
from limits import parse
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter
from strawberry.permission import BasePermission
from strawberry.types import Info

from members.accounts import create_account, sign_in


class SignupRateLimit(BasePermission):
    message = "Too many sign-ups"
    limiter = MovingWindowRateLimiter(MemoryStorage())
    rate = parse("3/hour")

    def has_permission(self, source, info, **kwargs) -> bool:
        client = info.context["request"].client
        return self.limiter.hit(self.rate, "signup", client.host if client else "")


@strawberry.type
class Query:
    @strawberry.field
    def version(self) -> str:
        return "1"


@strawberry.type
class Mutation:
    @strawberry.mutation(permission_classes=[SignupRateLimit])
    def signup(self, info: Info, email: str, password: str) -> bool:
        return create_account(email, password)

    # ruleid: TD-D001
    @strawberry.mutation
    def login(self, info: Info, email: str, password: str) -> str:
        return sign_in(email, password)


schema = strawberry.Schema(query=Query, mutation=Mutation)
