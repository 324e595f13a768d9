"""Changes between two commits: git access, hunks and the head lines a change adds.

`git.py` is the only module that runs git. Import it only where git is needed (the `diff`
command): GitPython looks for the git executable when it is imported.
"""
