"""Fills in the "expected" output of each case in cases.json by rendering it with Django.

The tests never run Django: they read the expectations this script wrote. Run it again after adding
cases, with Debian's python3-django (apt-get install python3-django; /usr/bin/python3 generate.py).
Cases marked "manual": true keep the expectation written by hand (where Micro deliberately follows a
newer Django than the one installed; the case's "note" says why).

Context values are JSON, plus tagged objects for types JSON lacks:
{"$safe": "..."} a safe string, {"$datetime": "2024-01-02T15:04:05[+02:00]"}, {"$date": "2024-01-02"},
{"$time": "15:04:05"}, {"$timedelta": "-1.5"} (seconds), {"$decimal": "1.50"}, {"$tuple": [...]}.
"""
import datetime
import decimal
import json
import os
import sys

import django
from django.conf import settings

HERE = os.path.dirname(os.path.abspath(__file__))
settings.configure(
    TEMPLATES=[{
        'BACKEND': 'django.template.backends.django.DjangoTemplates',
        'DIRS': [os.path.join(HERE, 'templates')],
    }],
    USE_TZ=False,
    ROOT_URLCONF=__name__,
    STATIC_URL='/static/',
)
django.setup()

import textwrap  # noqa: E402

import django.template.defaultfilters  # noqa: E402
from django.template import Context, Engine  # noqa: E402


def wrap(text, width):
    """Django's wrap as fixed in 4.2.21 and 5.2.1, which Micro follows: it keeps blank lines.

    Debian's 3.2.25 carries the earlier textwrap-based security fix that dropped them.
    """
    wrapper = textwrap.TextWrapper(width=width, break_long_words=False, break_on_hyphens=False, replace_whitespace=False)
    result = []
    for line in text.splitlines():
        wrapped = wrapper.wrap(line)
        result.extend(wrapped if wrapped else [line])
    if text.endswith('\n'):
        result.append('')
    return '\n'.join(result)


django.template.defaultfilters.wrap = wrap

# The present moment of naturaltime and naturalday, the same as the C# tests' clock (DjangoCases.Now): naive, it is local time,
# and the tests' local time zone is UTC.
NOW = datetime.datetime(2023, 11, 6, 9, 30, 0)


class FixedDatetime(datetime.datetime):
    @classmethod
    def now(cls, tz=None):
        return NOW if tz is None else NOW.replace(tzinfo=datetime.timezone.utc).astimezone(tz)


import django.contrib.humanize.templatetags.humanize as humanize  # noqa: E402

humanize.datetime = FixedDatetime
from django.urls import path  # noqa: E402
from django.utils.safestring import mark_safe  # noqa: E402


def view(request):
    pass


# Routes for {% url %} cases; the C# tests register a resolver with the same names.
urlpatterns = [
    path('', view, name='home'),
    path('blog/<int:year>/', view, name='year_archive'),
    path('blog/<int:year>/<slug:slug>/', view, name='post_detail'),
]


def decode(value):
    if isinstance(value, list):
        return [decode(v) for v in value]
    if isinstance(value, dict):
        if len(value) == 1:
            (key, inner), = value.items()
            if key == '$safe':
                return mark_safe(inner)
            if key == '$datetime':
                return datetime.datetime.fromisoformat(inner)
            if key == '$date':
                return datetime.date.fromisoformat(inner)
            if key == '$time':
                return datetime.time.fromisoformat(inner)
            if key == '$timedelta':
                return datetime.timedelta(seconds=float(inner))
            if key == '$decimal':
                return decimal.Decimal(inner)
            if key == '$tuple':
                return tuple(decode(v) for v in inner)
        return {k: decode(v) for k, v in value.items()}
    return value


def render(case):
    engine = Engine(
        dirs=[os.path.join(HERE, 'templates')],
        string_if_invalid=case.get('string_if_invalid', ''),
        autoescape=case.get('autoescape', True),
        libraries={'static': 'django.templatetags.static', 'humanize': 'django.contrib.humanize.templatetags.humanize'},
    )
    # Django raises some errors while parsing and others while rendering; the phase is part of the expectation.
    try:
        template = engine.from_string(case['template'])
    except Exception as e:  # noqa: BLE001
        return {'error': type(e).__name__, 'message': str(e), 'phase': 'parse'}
    try:
        return template.render(Context(decode(case.get('context', {})), autoescape=case.get('autoescape', True)))
    except Exception as e:  # noqa: BLE001
        return {'error': type(e).__name__, 'message': str(e), 'phase': 'render'}


def main():
    path_ = os.path.join(HERE, 'cases.json')
    with open(path_, encoding='utf-8') as f:
        cases = json.load(f)
    for case in cases:
        if case.get('manual'):
            continue
        result = render(case)
        if isinstance(result, dict):
            case.pop('expected', None)
            case['error'] = result['error']
            case['phase'] = result['phase']
            print('%s: %s: %s' % (case['name'], result['error'], result['message']), file=sys.stderr)
        else:
            case.pop('error', None)
            case.pop('phase', None)
            case['expected'] = result
    with open(path_, 'w', encoding='utf-8') as f:
        json.dump(cases, f, ensure_ascii=False, indent=1)
        f.write('\n')


if __name__ == '__main__':
    main()
