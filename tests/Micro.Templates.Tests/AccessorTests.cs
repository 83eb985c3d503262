using System.Collections;
using System.Collections.Immutable;

namespace Micro.Templates.Tests;

/// <summary>Templates read objects without reflection: dictionaries, lists, ITemplateObject, registered accessors.</summary>
public class AccessorTests
{
    private sealed class Point(int x, int y) : ITemplateObject
    {
        public bool TryGetMember(string name, out object? value)
        {
            value = name switch
            {
                "x" => x,
                "y" => y,
                _ => null,
            };
            return name is "x" or "y";
        }
    }

    private class Person
    {
        public string Name { get; set; } = "";

        public Person? Manager { get; set; }
    }

    private sealed class Employee : Person
    {
        public string Title { get; set; } = "";
    }

    /// <summary>What the generator will emit for Person: a switch on the member name.</summary>
    private sealed class PersonAccessor : ITemplateAccessor
    {
        public bool TryGetMember(object instance, string name, out object? value)
        {
            var person = (Person)instance;
            switch (name)
            {
                case "name":
                    value = person.Name;
                    return true;
                case "manager":
                    value = person.Manager;
                    return true;
                case "title" when person is Employee employee:
                    value = employee.Title;
                    return true;
                default:
                    value = null;
                    return false;
            }
        }
    }

    private sealed class Unregistered
    {
        public string Secret => "reflection would find me";

        public override string ToString() => "Unregistered()";
    }

    /// <summary>An engine whose accessors know <see cref="Person"/>, as an app's engine knows the app's types.</summary>
    private static readonly TemplateEngine s_engine = CreateEngine();

    private static TemplateEngine CreateEngine()
    {
        var accessors = new TemplateAccessors();
        accessors.Register<Person>(new PersonAccessor());
        return new TemplateEngine(new TemplateOptions { Accessors = accessors });
    }

    [Fact]
    public void Accessors_belong_to_an_engine()
    {
        var person = T.Vars(("p", new Person { Name = "Grace" }));

        Assert.Equal("Grace", T.Render("{{ p.name }}", person, s_engine));
        Assert.Equal("", T.Render("{{ p.name }}", person));
    }

    [Fact]
    public void Template_object_members()
    {
        Assert.Equal("3,4 [] 3", T.Render("{{ p.x }},{{ p.y }} [{{ p.z }}] {{ points.0.x }}", T.Vars(("p", new Point(3, 4)), ("points", new[] { new Point(3, 0) }))));
    }

    [Fact]
    public void Registered_accessor_serves_the_type_and_its_subclasses()
    {
        var boss = new Person { Name = "Grace" };
        var employee = new Employee { Name = "Ada <3", Title = "Engineer", Manager = boss };

        var html = T.Render("{{ e.name }} ({{ e.title }}) reports to {{ e.manager.name }}[{{ e.manager.manager.name }}][{{ e.salary }}]", T.Vars(("e", employee)), s_engine);

        Assert.Equal("Ada &lt;3 (Engineer) reports to Grace[][]", html);
    }

    [Fact]
    public void Objects_without_an_accessor_have_no_members()
    {
        Assert.Equal("[] Unregistered()", T.Render("[{{ o.Secret }}] {{ o }}", T.Vars(("o", new Unregistered()))));
    }

    [Fact]
    public void Missing_members_render_string_if_invalid()
    {
        var engine = new TemplateEngine(new TemplateOptions { StringIfInvalid = "?%s?" });

        Assert.Equal("?p.z?|?o.Secret?", engine.Parse("{{ p.z }}|{{ o.Secret }}").Render(T.Vars(("p", new Point(1, 2)), ("o", new Unregistered()))));
    }

    [Fact]
    public void Root_context_can_be_any_readable_object()
    {
        Assert.Equal("1/2", Template.Parse("{{ x }}/{{ y }}").Render(new Point(1, 2)));
        Assert.Equal("Grace", s_engine.Parse("{{ name }}").Render(new Person { Name = "Grace" }));
        Assert.Equal("[]", Template.Parse("[{{ x }}]").Render());
    }

    [Fact]
    public void Other_dictionary_kinds()
    {
        var readOnly = ImmutableDictionary<string, object?>.Empty.Add("a", 1);
        var typed = new Dictionary<string, int> { ["b"] = 2 };
        var hashtable = new Hashtable { ["c"] = 3, [4] = "four" };
        var sorted = new SortedDictionary<string, object?> { ["d"] = 5 };

        var html = T.Render("{{ r.a }} {{ t.b }} {{ h.c }} {{ h.4 }} {{ s.d }} {% for k, v in t.items %}{{ k }}={{ v }}{% endfor %}", T.Vars(("r", readOnly), ("t", typed), ("h", hashtable), ("s", sorted)));

        Assert.Equal("1 2 3 four 5 b=2", html);
    }

    [Fact]
    public void Sequences_of_any_kind()
    {
        var html = T.Render(
            "{% for x in arr %}{{ x }}{% endfor %} {% for x in set %}{{ x }}{% endfor %} {% for x in lazy %}{{ x }}{% endfor %} {{ arr.1 }} {{ ints.0 }} {{ lazy|length }}",
            T.Vars(("arr", new[] { "a", "b" }), ("set", new SortedSet<int> { 3, 1 }), ("lazy", Enumerable.Range(1, 3).Select(static i => i * 10)), ("ints", new List<int> { 7 })));

        Assert.Equal("ab 13 102030 b 7 3", html);
    }

    [Fact]
    public void Tuples_index_and_unpack()
    {
        var html = T.Render("{{ t.0 }}{{ t.1 }} {% for name, age in people %}{{ name }}:{{ age }} {% endfor %}", T.Vars(("t", ("a", 1)), ("people", new[] { ("Ann", 30), ("Bo", 4) })));

        Assert.Equal("a1 Ann:30 Bo:4 ", html);
    }

    [Fact]
    public void Key_value_pairs_unpack()
    {
        var pairs = new List<KeyValuePair<string, object?>> { new("a", 1), new("b", 2) };

        Assert.Equal("a=1 b=2 ", T.Render("{% for k, v in pairs %}{{ k }}={{ v }} {% endfor %}", T.Vars(("pairs", pairs))));
    }

    [Fact]
    public void Functions_in_the_context_are_called_when_used()
    {
        var calls = 0;
        Func<object?> expensive = () =>
        {
            calls++;
            return new Dictionary<string, object?> { ["value"] = "computed" };
        };

        var template = Template.Parse("{% if show %}{{ data.value }}{% endif %}");

        Assert.Equal("", template.Render(T.Vars(("show", false), ("data", expensive))));
        Assert.Equal(0, calls);
        Assert.Equal("computed", template.Render(T.Vars(("show", true), ("data", expensive))));
        Assert.Equal(1, calls);
    }

    [Fact]
    public void Types_of_the_same_lookup_can_change_between_renders()
    {
        var template = s_engine.Parse("{% for o in objects %}{{ o.name }},{% endfor %}");
        var objects = T.List(new Person { Name = "p" }, T.Vars(("name", "d")), new Point(0, 0), null, new Employee { Name = "e" });

        Assert.Equal("p,d,,,e,", template.Render(T.Vars(("objects", objects))));
    }

    [Fact]
    public void Numbers_of_every_type()
    {
        var html = T.Render(
            "{{ b }} {{ s }} {{ l }} {{ u }} {{ f }} {{ d }} {{ m }} {% if l > f %}gt{% endif %} {{ l|add:b }}",
            T.Vars(("b", (byte)7), ("s", (short)-3), ("l", 10_000_000_000L), ("u", 42UL), ("f", 0.1f), ("d", 2.5), ("m", 19.99m)));

        Assert.Equal("7 -3 10000000000 42 0.1 2.5 19.99 gt 10000000007", html);
    }

    [Fact]
    public void Other_value_types_render_like_Python()
    {
        var html = T.Render(
            "{{ g }} {{ span }} {{ neg }} {{ e }} {{ c }} {{ dto }}",
            T.Vars(("g", Guid.Parse("6f9619ff-8b86-d011-b42d-00cf4fc964ff")), ("span", new TimeSpan(1, 2, 3, 4)), ("neg", TimeSpan.FromSeconds(-1)), ("e", DayOfWeek.Friday), ("c", 'x'), ("dto", new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.FromHours(2)))));

        Assert.Equal("6f9619ff-8b86-d011-b42d-00cf4fc964ff 1 day, 2:03:04 -1 day, 23:59:59 Friday x May 6, 2024, 7:08 a.m.", html);
    }
}
