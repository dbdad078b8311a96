"""Demo union register: filled in by the next commit."""


def seed_members(stdout, **options):
    return None
