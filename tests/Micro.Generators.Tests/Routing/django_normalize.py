"""Django's normalize() of the expressions in RegexReversalTests (run with /usr/bin/python3 and Django).

Prints one C# test case a line: the expression and Django's possibilities, each as its format string and parameters.
Where Django gives up (a ValueError, or only the empty possibility of an alternation), Micro has none: "(not reversible)".
"""
from django.utils.regex_helper import normalize

PATTERNS = [
    r'^optional/(?P<arg1>\d+)/(?:(?P<arg2>\d+)/)?$',
    r'^no_kwargs/([0-9]+)/([0-9]+)/$',
    r'^price/\$([0-9]+)/$',
    r'^product/(?P<product>\w+)\+\(\$(?P<price>[0-9]+(\.[0-9]+)?)\)/$',
    r'^headlines/(?P<year>\d+)\.(?P<month>\d+)\.(?P<day>\d+)/$',
    r'^windows_path/(?P<drive_name>[A-Z]):\\(?P<path>.+)/$',
    r'^repeats/a{1,2}/$',
    r'^repeats/a{2,4}/$',
    r'^repeats/a{2}/$',
    r'^test/1/?',
    r'^lookahead-/(?!not-a-city)(?P<city>[^/]+)/$',
    r'^lookahead\+/(?=a-city)(?P<city>[^/]+)/$',
    r'^lookbehind-/(?P<city>[^/]+)(?<!not-a-city)/$',
    r'^lookbehind\+/(?P<city>[^/]+)(?<=a-city)/$',
    r'^mixed_args/([0-9]+)/(?P<arg2>[0-9]+)/$',
    r'^places?/$',
    r'^places+/$',
    r'^places*/$',
    r'^places{2,}/$',
    r'^either/(?:one|two)/$',
    r'^echo/(?P<word>[a-z]+)/(?P=word)/$',
    r'^classes/[^/]+/$',
    r'^any/./\d\w\s\W\D\S/\A\b\B\Z$',
    r'^unnamed_optional/([0-9]+)/(?:([0-9]+)/)?$',
    r'^nested/(?:page-(?P<page>\d+)/)?(?:sort-(?P<sort>[a-z]+)/)?$',
    r'^articles/(?P<slug>[-a-z0-9]+)(/comments)?/$',
    r'^lazy/a+?b*?/$',
    r'^twice/(?P<a>x){2}/$',
    r'^after/a*\.b/$',
    r'^class/[\]x]/$',
    r'^(?i)case/$',
    r'^text/after/$tail',
    r'',
]


def csharp(text):
    return '@"' + text.replace('"', '""') + '"'


for pattern in PATTERNS:
    try:
        possibilities = normalize(pattern)
    except ValueError:
        possibilities = None
    if possibilities is None or ('|' in pattern and possibilities == [('', [])]):
        print('[InlineData(%s, "(not reversible)")]' % csharp(pattern))
        continue
    rendered = ' | '.join('%s [%s]' % (result, ', '.join(params)) for result, params in possibilities)
    print('[InlineData(%s, %s)]' % (csharp(pattern), csharp(rendered)))
