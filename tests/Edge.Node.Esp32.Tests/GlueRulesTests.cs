using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace Edge.Node.Esp32.Tests;

/// <summary>
/// The type check compiles the glue on .NET, where generics, LINQ, async and string interpolation all exist; the
/// device's nanoFramework 1.x has none of them. This scan of the glue's source keeps them out.
/// </summary>
public sealed partial class GlueRulesTests
{
    public static TheoryData<string> GlueFiles()
    {
        TheoryData<string> data = new();
        foreach (string file in Directory.GetFiles(RepoPaths.Esp32, "*.cs", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(RepoPaths.Esp32, file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(GlueFiles))]
    [Trait("Category", "Unit")]
    public void A_glue_file_uses_nothing_nanoframework_1_lacks(string file)
    {
        List<string> found = new();
        string[] lines = File.ReadAllLines(Path.Combine(RepoPaths.Esp32, file));
        for (int i = 0; i < lines.Length; i++)
        {
            string code = lines[i].Trim();
            if (code.StartsWith("//", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (string banned in Banned)
            {
                if (code.Contains(banned, StringComparison.Ordinal))
                {
                    found.Add((i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) + ": " + banned);
                }
            }

            if (GenericUse().IsMatch(code))
            {
                found.Add((i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) + ": generic type or method");
            }
        }

        Assert.True(found.Count == 0, file + " uses what nanoFramework 1.x does not have: " + string.Join("; ", found));
    }

    [Fact]
    [Trait("Category", "Unit")]
    public void The_scan_finds_what_it_is_meant_to_refuse()
    {
        Assert.Matches(GenericUse(), "List<int> values = new List<int>();");
        Assert.Matches(GenericUse(), "Read<T>(x);");
        Assert.DoesNotMatch(GenericUse(), "while (i < length && x > 0)");
        Assert.Contains(Banned, b => "string s = $\"{x}\";".Contains(b, StringComparison.Ordinal));
    }

    private static readonly string[] Banned =
    {
        "$\"", "async ", "await ", "System.Linq", "System.Threading.Tasks", "System.Collections.Generic", "yield ",
        "Span<", "dynamic ", "record ", "?[", "stackalloc",
    };

    [GeneratedRegex(@"[A-Za-z_][A-Za-z0-9_]*<[A-Za-z_][A-Za-z0-9_.,\s\[\]]*>")]
    private static partial Regex GenericUse();
}
