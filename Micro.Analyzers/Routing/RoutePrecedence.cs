using System;
using System.Collections.Generic;
using System.Text;
using Micro.Generators.Routing.Model;

namespace Micro.Analyzers.Routing
{
    /// <summary>
    /// Which of two routes that match the same URL answers it. Micro registers each route as an endpoint
    /// whose pattern has a literal segment for each segment of literal text, a parameter for each segment
    /// with a value, and a catch-all from a <c>path</c> value on (Micro.Runtime's <c>RouteMatcher.CandidatePattern</c>).
    /// Endpoint routing tries lower <c>Order</c> first, then the more specific pattern (ASP.NET Core's
    /// inbound precedence: literal 1, parameter 3, catch-all 5, a digit per segment); Micro breaks the
    /// remaining ties by declaration order.
    /// </summary>
    internal static class RoutePrecedence
    {
        /// <summary>The inbound precedence of a <c>path()</c> pattern's endpoint, at the root; lower is tried first.</summary>
        public static decimal Of(IReadOnlyList<PatternPart> parts)
        {
            var digits = new List<int>();
            var text = new StringBuilder();
            var hasValue = false;
            var catchAll = false;

            void EndSegment()
            {
                digits.Add(hasValue ? 3 : 1);
                text.Clear();
                hasValue = false;
            }

            foreach (var part in parts)
            {
                if (!part.IsLiteral)
                {
                    if (part.Converter == "path")
                    {
                        catchAll = true;
                        break;
                    }

                    hasValue = true;
                    continue;
                }

                foreach (var ch in part.Literal!)
                {
                    if (ch != '/')
                    {
                        text.Append(ch);
                        continue;
                    }

                    if (text.Length == 0 && !hasValue)
                    {
                        // An empty segment: the endpoint's pattern is a catch-all from here.
                        catchAll = true;
                        break;
                    }

                    EndSegment();
                }

                if (catchAll)
                {
                    break;
                }
            }

            if (catchAll)
            {
                digits.Add(5);
            }
            else if (text.Length > 0 || hasValue)
            {
                EndSegment();
            }

            var precedence = 0m;
            for (var i = 0; i < digits.Count; i++)
            {
                precedence += digits[i] / (decimal)Math.Pow(10, i);
            }

            return precedence;
        }
    }
}
