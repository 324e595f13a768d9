"""User lookups shared by several handlers."""


def find_user(db, username):
    # ruleid: TD-T001
    return db.execute("SELECT id, username FROM users WHERE username = '" + username + "'").fetchone()


def find_user_safely(db, username):
    # ok: TD-T001
    return db.execute("SELECT id, username FROM users WHERE username = ?", (username,)).fetchone()
