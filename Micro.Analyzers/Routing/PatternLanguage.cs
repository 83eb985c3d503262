using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Micro.Generators.Routing.Model;

namespace Micro.Analyzers.Routing
{
    /// <summary>
    /// The set of URLs a <c>path()</c> pattern matches, as a small automaton, to decide whether one
    /// pattern matches every URL another one does. Built-in converters are their regular expressions;
    /// a custom converter is an opaque value that only the same converter matches, so the answer is
    /// "yes" only when it is certain.
    /// </summary>
    internal sealed class PatternLanguage
    {
        private const int MaxSteps = 20000;

        private readonly List<List<Transition>> _states = new() { new List<Transition>() };

        private PatternLanguage(IReadOnlyList<PatternPart> parts)
        {
            var current = 0;
            foreach (var part in parts)
            {
                if (part.IsLiteral)
                {
                    foreach (var ch in part.Literal!)
                    {
                        current = Step(current, Test.Char(ch));
                    }

                    continue;
                }

                switch (part.Converter)
                {
                    case "int":
                        current = OneOrMore(current, Test.Digit);
                        break;
                    case "str":
                        current = OneOrMore(current, Test.NotSlash);
                        break;
                    case "slug":
                        current = OneOrMore(current, Test.Slug);
                        break;
                    case "path":
                        current = OneOrMore(current, Test.NotNewLine);
                        break;
                    case "uuid":
                        foreach (var length in new[] { 8, 4, 4, 4, 12 })
                        {
                            if (length != 8)
                            {
                                current = Step(current, Test.Char('-'));
                            }

                            for (var i = 0; i < length; i++)
                            {
                                current = Step(current, Test.LowerHex);
                            }
                        }

                        break;
                    default:
                        current = Step(current, Test.Token(part.Converter!));
                        Tokens.Add(part.Converter!);
                        break;
                }
            }

            Accept = current;
        }

        private int Accept { get; }

        private HashSet<char> Literals { get; } = new();

        private HashSet<string> Tokens { get; } = new(StringComparer.Ordinal);

        public static PatternLanguage Of(IReadOnlyList<PatternPart> parts) => new(parts);

        /// <summary>Whether every URL <paramref name="other"/> matches is matched by this pattern too.</summary>
        public bool Includes(PatternLanguage other)
        {
            var alphabet = Alphabet(other);
            var start = (State: 0, Set: new SortedSet<int> { 0 });
            var seen = new HashSet<string> { Key(start.State, start.Set) };
            var queue = new Queue<(int State, SortedSet<int> Set)>();
            queue.Enqueue(start);
            var steps = 0;
            while (queue.Count > 0)
            {
                var (state, set) = queue.Dequeue();
                if (state == other.Accept && !set.Contains(Accept))
                {
                    return false;
                }

                foreach (var letter in alphabet)
                {
                    if (++steps > MaxSteps)
                    {
                        return false;
                    }

                    var next = new SortedSet<int>(set.SelectMany(s => _states[s]).Where(t => t.Test.Matches(letter)).Select(static t => t.Target));
                    foreach (var transition in other._states[state])
                    {
                        if (transition.Test.Matches(letter) && seen.Add(Key(transition.Target, next)))
                        {
                            queue.Enqueue((transition.Target, next));
                        }
                    }
                }
            }

            return true;
        }

        /// <summary>
        /// One letter per class of characters that every test treats alike: each literal character, and one
        /// other character of each range the converters tell apart; plus one letter per custom converter.
        /// </summary>
        private List<Letter> Alphabet(PatternLanguage other)
        {
            var literals = new HashSet<char>(Literals.Concat(other.Literals));
            var letters = literals.Select(static ch => new Letter(ch, null)).ToList();
            string[] ranges = { "0123456789", "abcdef", "ghijklmnopqrstuvwxyz", "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "-", "_", "/", "\n", "~.!$&'()*+,;=:@% \u00e9" };
            foreach (var range in ranges)
            {
                var representative = range.FirstOrDefault(ch => !literals.Contains(ch));
                if (representative != '\0')
                {
                    letters.Add(new Letter(representative, null));
                }
            }

            letters.AddRange(Tokens.Concat(other.Tokens).Distinct(StringComparer.Ordinal).Select(static token => new Letter('\0', token)));
            return letters;
        }

        private int Step(int from, Test test)
        {
            if (test.Kind == TestKind.Char)
            {
                Literals.Add(test.Ch);
            }

            _states.Add(new List<Transition>());
            var to = _states.Count - 1;
            _states[from].Add(new Transition(test, to));
            return to;
        }

        private int OneOrMore(int from, Test test)
        {
            var to = Step(from, test);
            _states[to].Add(new Transition(test, to));
            return to;
        }

        private static string Key(int state, SortedSet<int> set)
        {
            var key = new StringBuilder().Append(state).Append(':');
            foreach (var s in set)
            {
                key.Append(s).Append(',');
            }

            return key.ToString();
        }

        private readonly struct Letter
        {
            public Letter(char ch, string? token)
            {
                Ch = ch;
                Token = token;
            }

            public char Ch { get; }

            /// <summary>A custom converter's value, standing for any text it matches.</summary>
            public string? Token { get; }
        }

        private enum TestKind
        {
            Char,
            Digit,
            LowerHex,
            NotSlash,
            Slug,
            NotNewLine,
            Token,
        }

        private readonly struct Test
        {
            private Test(TestKind kind, char ch, string? token)
            {
                Kind = kind;
                Ch = ch;
                Converter = token;
            }

            public static Test Digit => new(TestKind.Digit, '\0', null);

            public static Test LowerHex => new(TestKind.LowerHex, '\0', null);

            public static Test NotSlash => new(TestKind.NotSlash, '\0', null);

            public static Test Slug => new(TestKind.Slug, '\0', null);

            /// <summary>The <c>path</c> converter's <c>.+</c>: any character but a new line.</summary>
            public static Test NotNewLine => new(TestKind.NotNewLine, '\0', null);

            public TestKind Kind { get; }

            public char Ch { get; }

            private string? Converter { get; }

            public static Test Char(char ch) => new(TestKind.Char, ch, null);

            public static Test Token(string converter) => new(TestKind.Token, '\0', converter);

            public bool Matches(Letter letter)
            {
                if (letter.Token is not null)
                {
                    return Kind == TestKind.Token && string.Equals(Converter, letter.Token, StringComparison.Ordinal);
                }

                var ch = letter.Ch;
                return Kind switch
                {
                    TestKind.Char => ch == Ch,
                    TestKind.Digit => ch is >= '0' and <= '9',
                    TestKind.LowerHex => ch is >= '0' and <= '9' or >= 'a' and <= 'f',
                    TestKind.NotSlash => ch != '/',
                    TestKind.Slug => ch is >= '0' and <= '9' or >= 'a' and <= 'z' or >= 'A' and <= 'Z' or '-' or '_',
                    TestKind.NotNewLine => ch != '\n',
                    _ => false,
                };
            }
        }

        private readonly struct Transition
        {
            public Transition(Test test, int target)
            {
                Test = test;
                Target = target;
            }

            public Test Test { get; }

            public int Target { get; }
        }
    }
}
