"""Use cases as QObjects with signals; the only callers of ``store``.

Views never query the database: they call a service and refresh on ``changed``.
"""
