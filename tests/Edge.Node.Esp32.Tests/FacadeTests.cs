using System;
using System.Collections.Generic;
using System.IO;
using System.Text.RegularExpressions;

namespace Edge.Node.Esp32.Tests;

/// <summary>
/// The facade is only worth what its sources are: every type and every member that throws names the nanoFramework
/// file it was read from, in a comment directly above it, and no member does anything but throw.
/// </summary>
public sealed partial class FacadeTests
{
    private const string Throw = "throw new NotSupportedException(\"facade\")";

    [Fact]
    [Trait("Category", "Unit")]
    public void Every_facade_member_that_throws_cites_the_nanoframework_file_it_was_read_from()
    {
        List<string> uncited = new();
        int members = 0;
        foreach (string file in FacadeFiles())
        {
            string[] lines = File.ReadAllLines(file);
            for (int i = 0; i < lines.Length; i++)
            {
                if (lines[i].Contains(Throw, StringComparison.Ordinal))
                {
                    members++;
                    if (!CitedAbove(lines, i))
                    {
                        uncited.Add(Path.GetFileName(file) + ":" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
                    }
                }
            }
        }

        Assert.True(members > 20, "expected the facade's members, found " + members.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(uncited.Count == 0, "members without a '// nanoframework/<repo>: <path>' comment above them: " + string.Join(", ", uncited));
    }

    [Fact]
    [Trait("Category", "Unit")]
    public void Every_facade_type_cites_the_nanoframework_file_it_was_read_from()
    {
        List<string> uncited = new();
        foreach (string file in FacadeFiles())
        {
            string[] lines = File.ReadAllLines(file);
            for (int i = 0; i < lines.Length; i++)
            {
                if (TypeDeclaration().IsMatch(lines[i]) && !CitedAbove(lines, i))
                {
                    uncited.Add(Path.GetFileName(file) + ": " + lines[i].Trim());
                }
            }
        }

        Assert.True(uncited.Count == 0, "types without a citation: " + string.Join("; ", uncited));
    }

    [Fact]
    [Trait("Category", "Unit")]
    public void No_facade_member_has_a_body_other_than_a_throw()
    {
        foreach (string file in FacadeFiles())
        {
            string text = File.ReadAllText(file);
            Assert.DoesNotContain("return ", text, StringComparison.Ordinal);
            Assert.DoesNotContain("=>", text, StringComparison.Ordinal);
            Assert.DoesNotMatch(AutoGetter(), text);
            Assert.DoesNotContain(" set;", text, StringComparison.Ordinal);
            Assert.DoesNotMatch(ThrowOtherThanFacade(), text);
        }
    }

    private static IEnumerable<string> FacadeFiles()
    {
        List<string> files = new();
        foreach (string folder in new[] { RepoPaths.Facade, RepoPaths.MathFacade })
        {
            foreach (string file in Directory.GetFiles(folder, "*.cs", SearchOption.AllDirectories))
            {
                if (!file.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                {
                    files.Add(file);
                }
            }
        }

        Assert.NotEmpty(files);
        return files;
    }

    /// <summary>A citation counts when it sits in the same block as the line: no blank line between them.</summary>
    private static bool CitedAbove(string[] lines, int index)
    {
        for (int j = index - 1; j >= 0 && lines[j].Trim().Length > 0; j--)
        {
            if (Citation().IsMatch(lines[j].Trim()))
            {
                return true;
            }
        }

        return false;
    }

    [GeneratedRegex(@"^// nanoframework/[A-Za-z0-9_.-]+: [^\s]+\.cs\b")]
    private static partial Regex Citation();

    [GeneratedRegex(@"^\s*public\s+(sealed\s+|static\s+|readonly\s+|abstract\s+)*(class|struct|enum|interface|delegate)\b")]
    private static partial Regex TypeDeclaration();

    /// <summary>An auto-property with a body would be a value; an abstract one (Stream.Length) declares a signature only.</summary>
    [GeneratedRegex(@"^(?!.*\babstract\b).* get;", RegexOptions.Multiline)]
    private static partial Regex AutoGetter();

    [GeneratedRegex(@"throw new (?!NotSupportedException\(""facade""\))")]
    private static partial Regex ThrowOtherThanFacade();
}
