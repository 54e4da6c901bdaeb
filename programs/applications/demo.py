def seed_applications():
    pass
