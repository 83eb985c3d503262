#!/usr/bin/python3
"""Writes django.json: password hashes and password-validation results made by Django itself.

Run with Debian's Python and python3-django (Django 3.2): `/usr/bin/python3 make_fixtures.py > django.json`.
The tests check that Micro verifies these hashes, makes the same hash from the same password, salt and iteration count
(so Django verifies Micro's), and reports the same problems with the same passwords.
"""
import json

import django
from django.conf import settings

settings.configure(
    PASSWORD_HASHERS=[
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    ],
    AUTH_PASSWORD_VALIDATORS=[
        {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
        {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
        {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    ],
    INSTALLED_APPS=["django.contrib.auth", "django.contrib.contenttypes"],
    USE_I18N=False,
)
django.setup()

from django.contrib.auth.hashers import PBKDF2PasswordHasher, PBKDF2SHA1PasswordHasher, make_password  # noqa: E402
from django.contrib.auth.models import User  # noqa: E402
from django.contrib.auth.password_validation import validate_password  # noqa: E402
from django.core.exceptions import ValidationError  # noqa: E402

passwords = ["correct horse battery staple", "hunter2", "pässwörd ünïcode ✓", "", " spaces around ", "$dollar$signs$", "x" * 200]
hashes = []
for index, password in enumerate(passwords):
    salt = "fixturesalt%02d" % index
    for iterations in (1000, 260000):
        hashes.append({"password": password, "salt": salt, "iterations": iterations,
                       "encoded": PBKDF2PasswordHasher().encode(password, salt, iterations)})
# Django's own default for new hashes in this version, with a random salt.
hashes.append({"password": "made with the default", "salt": None, "iterations": PBKDF2PasswordHasher.iterations,
               "encoded": make_password("made with the default")})
sha1 = [{"password": p, "encoded": PBKDF2SHA1PasswordHasher().encode(p, "sha1salt", 1000)} for p in passwords[:3]]

users = [
    ("adalovelace", "ada@example.com", "Ada", "Lovelace"),
    ("grace.hopper", "grace@navy.example", "Grace", "Hopper"),
    ("linus", "torvalds@kernel.example", "Linus", "Torvalds"),
]
candidates = ["short", "1234567890123", "adalovelace", "lovelace1", "ada@example.com", "Lovelace", "a long and unrelated passphrase",
              "gracehopper", "hopper", "navy.example", "torvalds", "linux-torvalds-2024", "12ab", "99999999999", "kernel.example"]
validation = []
for username, email, first, last in users:
    user = User(username=username, email=email, first_name=first, last_name=last)
    for password in candidates:
        try:
            validate_password(password, user)
            errors = []
        except ValidationError as error:
            errors = list(error.messages)
        validation.append({"username": username, "email": email, "first_name": first, "last_name": last,
                           "password": password, "errors": errors})

print(json.dumps({"django": django.get_version(), "pbkdf2_sha256": hashes, "pbkdf2_sha1": sha1, "validation": validation},
                 ensure_ascii=False, indent=1))
