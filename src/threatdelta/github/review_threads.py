"""The two review-thread operations REST lacks, over GraphQL: adding a file-level thread to
a pending review (REST's create-review takes line comments only), and resolving the threads
of comments whose threat is gone."""

from __future__ import annotations

from collections.abc import Collection
from functools import partial
from typing import Any

from github.Requester import Requester
from pydantic import BaseModel, ConfigDict, Field

from threatdelta.github.retry import RetryPolicy, with_retries

_THREADS_QUERY = """
query($owner: String!, $name: String!, $number: Int!, $first: Int!, $after: String) {
  repository(owner: $owner, name: $name) {
    pullRequest(number: $number) {
      reviewThreads(first: $first, after: $after) {
        nodes { id isResolved comments(first: 1) { nodes { databaseId } } }
        pageInfo { hasNextPage endCursor }
      }
    }
  }
}
"""
_MAX_PAGES = 50


class _Loose(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore", populate_by_name=True)


class _CommentNode(_Loose):
    database_id: int | None = Field(default=None, alias="databaseId")


class _Comments(_Loose):
    nodes: tuple[_CommentNode, ...] = ()


class _Thread(_Loose):
    id: str
    is_resolved: bool = Field(default=False, alias="isResolved")
    comments: _Comments = _Comments()

    @property
    def first_comment(self) -> int | None:
        return self.comments.nodes[0].database_id if self.comments.nodes else None


class _PageInfo(_Loose):
    has_next_page: bool = Field(default=False, alias="hasNextPage")
    end_cursor: str | None = Field(default=None, alias="endCursor")


class _ThreadPage(_Loose):
    nodes: tuple[_Thread, ...] = ()
    page_info: _PageInfo = Field(default_factory=_PageInfo, alias="pageInfo")


def _page_of(data: dict[str, Any]) -> _ThreadPage:
    pull = ((data.get("data") or {}).get("repository") or {}).get("pullRequest") or {}
    return _ThreadPage.model_validate(pull.get("reviewThreads") or {})


def add_file_thread(
    requester: Requester, review_node_id: str, path: str, body: str, policy: RetryPolicy
) -> None:
    """A file-level comment on `path`, inside the pending review `review_node_id`."""
    once = policy.model_copy(update={"retry_server_errors": False})
    spec = {
        "pullRequestReviewId": review_node_id,
        "path": path,
        "body": body,
        "subjectType": "FILE",
    }
    mutation = partial(
        requester.graphql_named_mutation, "addPullRequestReviewThread", spec, "thread { id }"
    )
    with_retries(mutation, policy=once)


def resolve_threads(
    requester: Requester, repo: str, number: int, comment_ids: Collection[int], policy: RetryPolicy
) -> int:
    """Resolve the open threads that start with one of `comment_ids`; how many were."""
    owner, _, name = repo.partition("/")
    wanted, after, resolved = set(comment_ids), None, 0
    for _ in range(_MAX_PAGES):
        variables = {"owner": owner, "name": name, "number": number, "first": 100, "after": after}
        query = partial(requester.graphql_query, _THREADS_QUERY, variables)
        page = _page_of(with_retries(query, policy=policy)[1])
        for thread in page.nodes:
            if thread.first_comment in wanted and not thread.is_resolved:
                mutation = partial(
                    requester.graphql_named_mutation,
                    "resolveReviewThread",
                    {"threadId": thread.id},
                    "thread { isResolved }",
                )
                with_retries(mutation, policy=policy)
                resolved += 1
        if not page.page_info.has_next_page:
            break
        after = page.page_info.end_cursor
    return resolved
