"""Provider profiles: the schema (``model``, ``error_schema``, ``redirect_schema``), where profile files live
(``dirs``), the one reader with its cache (``loader``, ``cache``, ``sections``) and strict validation
(``validate``). Import what you need from its module; this package re-exports nothing, so that reading one
section of one profile never imports the whole schema.
"""
