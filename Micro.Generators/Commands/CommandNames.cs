using System.Text;

namespace Micro.Generators.Commands
{
    /// <summary>How command, argument and option names are derived and checked (the analyzers' code fixes compile this file too).</summary>
    internal static class CommandNames
    {
        /// <summary>A class-based command's name without its <c>Command</c> suffix: <c>AddNotesCommand</c> is named from <c>AddNotes</c>.</summary>
        public static string WithoutCommandSuffix(string typeName) =>
            typeName.Length > "Command".Length && typeName.EndsWith("Command", System.StringComparison.Ordinal)
                ? typeName.Substring(0, typeName.Length - "Command".Length)
                : typeName;

        /// <summary><c>SendEmails</c> is <c>send-emails</c>, <c>HTTPCheck</c> is <c>http-check</c>, <c>dry_run</c> is <c>dry-run</c>.</summary>
        public static string KebabCase(string name)
        {
            var result = new StringBuilder(name.Length + 4);
            for (var i = 0; i < name.Length; i++)
            {
                var ch = name[i];
                if (ch is '_' or '-')
                {
                    if (result.Length > 0 && result[result.Length - 1] != '-')
                    {
                        result.Append('-');
                    }

                    continue;
                }

                if (char.IsUpper(ch))
                {
                    var previous = i > 0 ? name[i - 1] : '\0';
                    var next = i + 1 < name.Length ? name[i + 1] : '\0';
                    var startsWord = char.IsLower(previous) || char.IsDigit(previous) || (char.IsUpper(previous) && char.IsLower(next));
                    if (startsWord && result.Length > 0 && result[result.Length - 1] != '-')
                    {
                        result.Append('-');
                    }

                    result.Append(char.ToLowerInvariant(ch));
                    continue;
                }

                result.Append(ch);
            }

            return result.ToString().Trim('-');
        }

        /// <summary>Lower-case letters and digits in words joined by single dashes, starting with a letter.</summary>
        public static bool IsValidName(string name)
        {
            if (name.Length == 0 || name[0] is < 'a' or > 'z' || name[name.Length - 1] == '-')
            {
                return false;
            }

            for (var i = 1; i < name.Length; i++)
            {
                var ch = name[i];
                var valid = ch is >= 'a' and <= 'z' or >= '0' and <= '9' || (ch == '-' && name[i - 1] != '-');
                if (!valid)
                {
                    return false;
                }
            }

            return true;
        }
    }
}
