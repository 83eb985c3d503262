using System;
using System.Collections.Generic;
using System.Linq;

namespace Micro.Generators.Shared
{
    /// <summary>"Did you mean" suggestions, for the generator's and the analyzers' messages and the code fixes (which compile this file too).</summary>
    internal static class EditDistance
    {
        /// <summary>
        /// The candidate closest to <paramref name="text"/> (ignoring case, and '-' against '_'), or null when
        /// none is within a few edits; ties go to the first in ordinal order.
        /// </summary>
        public static string? Nearest(string text, IEnumerable<string> candidates)
        {
            string? best = null;
            var bestDistance = int.MaxValue;
            foreach (var candidate in candidates.OrderBy(static c => c, StringComparer.Ordinal))
            {
                var distance = Between(Normalize(text), Normalize(candidate));
                if (distance < bestDistance)
                {
                    best = candidate;
                    bestDistance = distance;
                }
            }

            return best is not null && bestDistance <= Math.Max(2, text.Length / 3) ? best : null;
        }

        /// <summary>The Levenshtein distance: insertions, deletions and substitutions.</summary>
        public static int Between(string a, string b)
        {
            var previous = Enumerable.Range(0, b.Length + 1).ToArray();
            for (var i = 1; i <= a.Length; i++)
            {
                var current = new int[b.Length + 1];
                current[0] = i;
                for (var j = 1; j <= b.Length; j++)
                {
                    var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                    current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
                }

                previous = current;
            }

            return previous[b.Length];
        }

        private static string Normalize(string text) => text.ToLowerInvariant().Replace('-', '_');
    }
}
