"""Writes contact.json: how Django renders the contact form of TestApp/FormViews.cs (ContactForm), unbound and bound.

The tests never run Django: they compare Micro's HTML with what this script wrote, after removing the accessibility
attributes Django added after 3.2 (aria-invalid, aria-describedby and the ids of help texts and error lists), which
Micro writes as current Django does. Run it again after changing the form, with Debian's python3-django:
/usr/bin/python3 generate.py
"""
import datetime
import json
import os

import django
from django.conf import settings

HERE = os.path.dirname(os.path.abspath(__file__))
settings.configure(USE_I18N=False, USE_L10N=False, TEMPLATES=[{"BACKEND": "django.template.backends.django.DjangoTemplates"}])
django.setup()

from django import forms  # noqa: E402


class DateInput(forms.DateInput):
    """Micro's date fields are HTML5 date inputs; Django's default DateInput is a text input."""
    input_type = "date"


class ContactForm(forms.Form):
    subject = forms.CharField(max_length=100)
    email = forms.EmailField(help_text="We never share it.")
    age = forms.IntegerField(min_value=1, max_value=120, required=False)
    cc_myself = forms.BooleanField(required=False)
    topic = forms.ChoiceField(choices=[("a", "Alpha"), ("b", "Beta")])
    when = forms.DateField(widget=DateInput)
    price = forms.DecimalField()
    ratio = forms.FloatField()
    body = forms.CharField(widget=forms.Textarea)
    password = forms.CharField(widget=forms.PasswordInput)

    def clean(self):
        cleaned = super().clean()
        if self.data.get("subject", "").startswith("<"):
            raise forms.ValidationError("Whole <form> problem.")
        return cleaned


# What ContactFormTests posts (the same dictionary).
BOUND = {
    "subject": "<script>x</script>" * 10,
    "email": "bad",
    "age": "abc",
    "topic": "c",
    "when": "2024-13-01",
    "price": "abc",
    "ratio": "x",
    "body": 'hi"',
    "password": "pw",
}


def parts(form):
    return {
        "as_p": form.as_p(),
        "as_table": form.as_table(),
        "as_ul": form.as_ul(),
        "subject": str(form["subject"]),
        "subject_errors": str(form["subject"].errors),
        "subject_label_tag": form["subject"].label_tag(),
        "non_field_errors": str(form.non_field_errors()),
        "errors": str(form.errors),
    }


result = {
    "django": django.get_version(),
    "unbound": parts(ContactForm(initial={"when": datetime.date(2024, 2, 29)})),
    "bound": parts(ContactForm(BOUND)),
}
with open(os.path.join(HERE, "contact.json"), "w", encoding="utf-8") as output:
    json.dump(result, output, indent=2, ensure_ascii=False)
    output.write("\n")
