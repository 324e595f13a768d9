"""PR slash commands of the Action: `/threatdelta accept|dismiss|recheck` in a pull-request
comment (`issue_comment` event) triage a threat, commit the decision to the register file on
the pull request's branch, and recompute the summary and the gate."""
