"""Django's answers for reversing the regex routes of RegexReverseViews (run with /usr/bin/python3 and Django).

Prints one line per case: the name, the arguments, and the URL or NoReverseMatch. RegexReverseTests asserts the same,
and with --json (one JSON object a line) compares Micro's answers with these, live.
"""
import json
import sys

import django
from django.conf import settings

settings.configure(ROOT_URLCONF=__name__, DEBUG=True)
django.setup()

from django.urls import NoReverseMatch, re_path, reverse  # noqa: E402


def view(request, *args, **kwargs):
    pass


urlpatterns = [
    re_path(r'^optional/(?P<arg1>\d+)/(?:(?P<arg2>\d+)/)?$', view, name='named_optional'),
    re_path(r'^optional/(?P<arg1>\d+)/(?:(?P<arg2>\d+)/)?', view, name='named_optional_terminated'),
    re_path(r'^no_kwargs/([0-9]+)/([0-9]+)/$', view, name='no_kwargs'),
    re_path(r'^price/\$([0-9]+)/$', view, name='price'),
    re_path(r'^product/(?P<product>\w+)\+\(\$(?P<price>[0-9]+(\.[0-9]+)?)\)/$', view, name='product'),
    re_path(r'^headlines/(?P<year>\d+)\.(?P<month>\d+)\.(?P<day>\d+)/$', view, name='headlines'),
    re_path(r'^windows_path/(?P<drive_name>[A-Z]):\\(?P<path>.+)/$', view, name='windows'),
    re_path(r'^repeats/a{1,2}/$', view, name='repeats_1'),
    re_path(r'^repeats/a{2,4}/$', view, name='repeats_2'),
    re_path(r'^repeats/a{2}/$', view, name='repeats_3'),
    re_path(r'^test/1/?', view, name='test_1'),
    re_path(r'^lookahead-/(?!not-a-city)(?P<city>[^/]+)/$', view, name='lookahead_negative'),
    re_path(r'^lookahead\+/(?=a-city)(?P<city>[^/]+)/$', view, name='lookahead_positive'),
    re_path(r'^lookbehind-/(?P<city>[^/]+)(?<!not-a-city)/$', view, name='lookbehind_negative'),
    re_path(r'^lookbehind\+/(?P<city>[^/]+)(?<=a-city)/$', view, name='lookbehind_positive'),
    re_path(r'^mixed_args/([0-9]+)/(?P<arg2>[0-9]+)/$', view, name='mixed_args'),
    re_path(r'^places/([0-9]+)/$', view, name='places'),
    re_path(r'^places?/$', view, name='places_question'),
    re_path(r'^places+/$', view, name='places_plus'),
    re_path(r'^places*/$', view, name='places_star'),
    re_path(r'^either/(?:one|two)/$', view, name='either'),
    re_path(r'^echo/(?P<word>[a-z]+)/(?P=word)/$', view, name='echo'),
    re_path(r'^classes/[^/]+/$', view, name='negated_class'),
    re_path(r'^any/./\d\w\s\W\D\S/\A\b\B\Z$', view, name='escapes'),
    re_path(r'^unnamed_optional/([0-9]+)/(?:([0-9]+)/)?$', view, name='unnamed_optional'),
    re_path(r'^nested/(?:page-(?P<page>\d+)/)?(?:sort-(?P<sort>[a-z]+)/)?$', view, name='nested_optional'),
]

CASES = [
    ('named_optional', (), {'arg1': 1}),
    ('named_optional', (), {'arg1': 1, 'arg2': 2}),
    ('named_optional', (1,), {}),
    ('named_optional', (1, 2), {}),
    ('named_optional', (1, 2, 3), {}),
    ('named_optional', (), {'arg2': 2}),
    ('named_optional_terminated', (), {'arg1': 1}),
    ('named_optional_terminated', (), {'arg1': 1, 'arg2': 2}),
    ('no_kwargs', (42, 37), {}),
    ('no_kwargs', (42,), {}),
    ('no_kwargs', (), {'_0': 42, '_1': 37}),
    ('no_kwargs', ('x', 37), {}),
    ('price', (10,), {}),
    ('product', (), {'product': 'chocolate', 'price': '2.50'}),
    ('product', (), {'product': 'chocolate', 'price': '2'}),
    ('product', ('chocolate', '2.50', '.50'), {}),
    ('product', (), {'product': 'chocolate', 'price': 'x'}),
    ('headlines', (), {'year': 2008, 'month': 2, 'day': 17}),
    ('windows', (), {'drive_name': 'C', 'path': r'Documents and Settings\spam'}),
    ('repeats_1', (), {}),
    ('repeats_2', (), {}),
    ('repeats_3', (), {}),
    ('test_1', (), {}),
    ('lookahead_negative', (), {'city': 'a-city'}),
    ('lookahead_negative', (), {'city': 'not-a-city'}),
    ('lookahead_positive', (), {'city': 'a-city'}),
    ('lookahead_positive', (), {'city': 'other-city'}),
    ('lookbehind_negative', (), {'city': 'a-city'}),
    ('lookbehind_negative', (), {'city': 'not-a-city'}),
    ('lookbehind_positive', (), {'city': 'a-city'}),
    ('lookbehind_positive', (), {'city': 'other-city'}),
    ('mixed_args', (0, 1), {}),
    ('mixed_args', (), {'arg2': 1}),
    ('places', (3,), {}),
    ('places', ('3',), {}),
    ('places', ('a',), {}),
    ('places_question', (), {}),
    ('places_plus', (), {}),
    ('places_star', (), {}),
    ('either', (), {}),
    ('echo', (), {'word': 'hi'}),
    ('echo', ('hi',), {}),
    ('negated_class', (), {}),
    ('escapes', (), {}),
    ('unnamed_optional', (1,), {}),
    ('unnamed_optional', (1, 2), {}),
    ('nested_optional', (), {}),
    ('nested_optional', (), {'page': 2}),
    ('nested_optional', (), {'sort': 'name'}),
    ('nested_optional', (), {'page': 2, 'sort': 'name'}),
    ('nested_optional', (2,), {}),
    ('nested_optional', ('name',), {}),
]

for name, args, kwargs in CASES:
    try:
        result = reverse(name, args=args, kwargs=kwargs)
    except NoReverseMatch:
        result = 'NoReverseMatch'
    if '--json' in sys.argv:
        url = None if result == 'NoReverseMatch' else result
        print(json.dumps({'name': name, 'args': list(args), 'kwargs': kwargs, 'url': url}))
    else:
        print('%s %r %r -> %s' % (name, args, kwargs, result))
