"""The members service: FastAPI serving the schema through Strawberry's router."""

from fastapi import FastAPI
from strawberry.fastapi import GraphQLRouter

from members.schema import schema

app = FastAPI()
app.include_router(GraphQLRouter(schema), prefix="/graphql")
