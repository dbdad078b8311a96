"""Demo documents (written by a helper in this session)."""


def seed_documents(stdout, **options):
    return None
