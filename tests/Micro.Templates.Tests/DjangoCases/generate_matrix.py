"""Writes matrix.json: every built-in filter applied to many kinds of values, rendered by Django.

Like generate.py this needs Django (Debian's python3-django: /usr/bin/python3 generate_matrix.py);
the tests only read matrix.json. OVERRIDES (template and value name to output and reason) is for
outputs where Micro deliberately differs from the installed Django.
"""
import json
import os

from generate import HERE, render

VALUES = {
    's': 'Hello <World> & "friends"', 'e': '', 'n': 0, 'one': 1, 'i': 42, 'neg': -7, 'f': 3.14159, 'fz': 0.0,
    'big': 1234567.891, 'l': ['a', 'b<', 'c'], 'nums': [3, 1, 2], 'd': {'k': 'v', 'a': 1}, 'none': None, 't': True,
    'fa': False, 'safe': {'$safe': '<b>bold</b>'}, 'multi': 'line one\nline two\n\nline three',
    'url': 'see http://example.com/x?a=1&b=2 now', 'date': {'$datetime': '2023-11-05T08:09:10'},
    'day': {'$date': '2023-02-28'}, 'num_s': '12.5', 'word': 'mIxEd cAsE wOrds here', 'dec': {'$decimal': '12.345'},
    'u': 'Zoë ☃ naïve café', 'ent': 'a &amp; b &lt;i&gt;', 'sp': '  padded  ', 'ns': '-3.5', 'ints': '007',
    'ef': -0.0001, 'huge': 1e20, 'tiny': 5e-7, 'negbig': -98765.4321,
    'ld': [{'k': 2, 'n': 'x'}, {'k': 1, 'n': 'y'}], 'nested': [['a', ['b']], 'c'], 'mixed': [1, 'a', None],
    'tup': {'$tuple': [1, 'two']}, 'html': '<p class="x">Hi <b>there</b></p><br/>',
    'email': 'mail me@x.org, or http://www.y.com.', 'tabs': 'a\tb\tc', 'longw': 'supercalifragilisticexpialidocious is long',
    'quote': 'it\'s "quoted"', 'ws': '\n\t ', 'amp': '&', 'pct': '100% sure',
}

NO_ARGUMENT = [
    'addslashes', 'capfirst', 'escape', 'escapejs', 'filesizeformat', 'first', 'floatformat', 'force_escape',
    'iriencode', 'last', 'length', 'linebreaks', 'linebreaksbr', 'linenumbers', 'lower', 'make_list',
    'phone2numeric', 'pluralize', 'pprint', 'safe', 'safeseq', 'slugify', 'striptags', 'title', 'unordered_list',
    'upper', 'urlencode', 'urlize', 'wordcount', 'yesno', 'date', 'time',
]

WITH_ARGUMENT = {
    'add': ['2', '"x"', '-1.5'], 'center': ['15', '21'], 'cut': ['"l"', '" "', '"a"'], 'date': ['"Y-m-d"', '"jS F Y"'],
    'default': ['"dflt"'], 'default_if_none': ['"dn"'], 'divisibleby': ['2', '3'], 'floatformat': ['2', '"-2"', '0', '3', '"-3"'],
    'get_digit': ['1', '2'], 'join': ['"|"', '"-"'], 'ljust': ['12', '20'], 'rjust': ['12', '20'], 'pluralize': ['"es"', '"y,ies"'],
    'slice': ['":2"', '"1:"', '"::-1"', '"2:-2"', '"-3:"'], 'stringformat': ['"s"', '"10s"', '"d"', '".3f"', '"r"', '"20s"', '"e"', '"x"'],
    'truncatechars': ['5', '8'], 'truncatechars_html': ['5', '8'], 'truncatewords': ['2', '3'], 'truncatewords_html': ['2', '3'],
    'urlizetrunc': ['10', '12'], 'wordwrap': ['7', '10'], 'yesno': ['"y,n"', '"y,n,m"'], 'time': ['"H:i"'],
    'urlencode': ['""', '"&"'], 'dictsort': ['"k"', '"n"', '0'], 'dictsortreversed': ['"k"'],
}

# django.contrib.humanize's filters, loaded as Django needs them, over the values above and these (times around generate.NOW).
HUMANIZE = ['intcomma', 'intword', 'apnumber', 'ordinal', 'naturalday', 'naturaltime']
HUMANIZE_ARGUMENTS = {'naturalday': ['"Y-m-d"', '"D j"']}
HUMANIZE_VALUES = {
    'million': 1234567, 'mil_neg': -2500000, 'bil_s': '1200000000', 'quint': 9223372036854775807, 'googol': 1.5e100,
    'ord11': 112, 'ord2': 22, 'ord_neg': -3, 'ap9': 9, 'ap_s': ' 4 ', 'num_text': '-12345.67 apples', 'round': 1250000,
    'just_now': {'$datetime': '2023-11-06T09:30:00'}, 'secs': {'$datetime': '2023-11-06T09:29:15'},
    'a_min': {'$datetime': '2023-11-06T09:28:30'}, 'mins': {'$datetime': '2023-11-06T09:05:59'},
    'an_hour': {'$datetime': '2023-11-06T08:10:00'}, 'hours': {'$datetime': '2023-11-05T12:00:00'},
    'days': {'$datetime': '2023-10-20T08:00:00'}, 'soon': {'$datetime': '2023-11-06T09:30:01'},
    'later': {'$datetime': '2023-11-06T13:45:00'}, 'tomorrow': {'$datetime': '2023-11-07T00:00:00'},
    'next_week': {'$datetime': '2023-11-14T10:00:00'}, 'yday': {'$date': '2023-11-05'}, 'today': {'$date': '2023-11-06'},
    'aware': {'$datetime': '2023-11-06T09:00:00+02:00'}, 'aware_east': {'$datetime': '2023-11-07T01:00:00+14:00'},
}

OPERATORS = ['==', '<', '>=', 'in']
OPERANDS = ['one', 's', 'l', 'none']

OVERRIDES = {}


def cases():
    for name in VALUES:
        for f in NO_ARGUMENT:
            yield '{{ v|%s }}' % f, name, None
            yield '{%% autoescape off %%}{{ v|%s }}{%% endautoescape %%}' % f, name, None
        for f, arguments in WITH_ARGUMENT.items():
            for argument in arguments:
                yield '{{ v|%s:%s }}' % (f, argument), name, None
        yield '{{ v }}', name, None
        yield '{% if v %}T{% else %}F{% endif %}', name, None
        yield '{% for x in v %}[{{ x }}]{% endfor %}', name, None
        for op in OPERATORS:
            for other in OPERANDS:
                yield '{%% if v %s w %%}T{%% else %%}F{%% endif %%}' % op, name, other


def humanize_cases():
    for name in list(VALUES) + list(HUMANIZE_VALUES):
        for f in HUMANIZE:
            yield '{%% load humanize %%}{{ v|%s }}' % f, name, None
            for argument in HUMANIZE_ARGUMENTS.get(f, []):
                yield '{%% load humanize %%}{{ v|%s:%s }}' % (f, argument), name, None
        yield '{% load humanize %}{% autoescape off %}{{ v|intcomma }}{% endautoescape %}', name, None


def main():
    rows = []
    values = dict(VALUES, **HUMANIZE_VALUES)
    for template, name, other in list(cases()) + list(humanize_cases()):
        key = '%s %s' % (template, name)
        context = {'v': values[name]}
        if other:
            context['w'] = values[other]
        result = render({'template': template, 'context': context})
        row = {'t': template, 'v': name}
        if other:
            row['w'] = other
        if key in OVERRIDES:
            row['x'], row['note'] = OVERRIDES[key]
        elif isinstance(result, dict):
            row['error'] = result['error']
        else:
            row['x'] = result
        rows.append(row)
    with open(os.path.join(HERE, 'matrix.json'), 'w', encoding='utf-8') as f:
        # One row per line keeps the file short and its diffs readable.
        f.write('{"values": %s,\n"rows": [\n' % json.dumps(values, ensure_ascii=False))
        f.write(',\n'.join(json.dumps(row, ensure_ascii=False) for row in rows))
        f.write('\n]}\n')
    print(len(rows), 'rows')


if __name__ == '__main__':
    main()
