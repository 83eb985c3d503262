using System.Collections.Generic;
using System.Linq;
using Micro.Analyzers.Shared;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Micro.Analyzers.Routing
{
    /// <summary>A call of <c>Url.Reverse</c> with a constant route name.</summary>
    internal sealed class ReverseCall
    {
        private ReverseCall(IInvocationOperation invocation, string name, IOperation nameArgument, IReadOnlyList<IOperation>? values)
        {
            Invocation = invocation;
            Name = name;
            NameArgument = nameArgument;
            Values = values;
        }

        public IInvocationOperation Invocation { get; }

        public string Name { get; }

        public IOperation NameArgument { get; }

        /// <summary>The positional values as written, or null when they are given as a collection or by name.</summary>
        public IReadOnlyList<IOperation>? Values { get; }

        public static ReverseCall? From(IInvocationOperation invocation, MicroTypes types)
        {
            var method = invocation.TargetMethod;
            if (method.Name != "Reverse" || types.Url is null || !SymbolEqualityComparer.Default.Equals(method.ContainingType, types.Url))
            {
                return null;
            }

            var nameArgument = invocation.Arguments.FirstOrDefault(static a => a.Parameter?.Ordinal == 0);
            if (nameArgument?.Value.ConstantValue is not { HasValue: true, Value: string name })
            {
                return null;
            }

            IReadOnlyList<IOperation>? values = null;
            var valuesArgument = invocation.Arguments.FirstOrDefault(static a => a.Parameter?.Ordinal == 1);
            if (valuesArgument is { Parameter.IsParams: true } && valuesArgument.ArgumentKind != ArgumentKind.Explicit)
            {
                // The values as written, before their conversion to object.
                values = ElementsOf(valuesArgument.Value)?.Select(static v => v is IConversionOperation { IsImplicit: true } conversion ? conversion.Operand : v).ToList();
            }

            return new ReverseCall(invocation, name, nameArgument.Value, values);
        }

        private static IEnumerable<IOperation>? ElementsOf(IOperation collection) => collection switch
        {
            IArrayCreationOperation { Initializer: { } initializer } => initializer.ElementValues,
            IArrayCreationOperation => Enumerable.Empty<IOperation>(),
            ICollectionExpressionOperation expression => expression.Elements,
            IConversionOperation { IsImplicit: true } conversion => ElementsOf(conversion.Operand),
            _ => null,
        };
    }
}
