using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;

namespace Edge.Node.Esp32.Tests;

/// <summary>
/// The nanoFramework build cannot run here, so its project files are checked as data: the shared project must list
/// exactly its folder's sources (the protocol's and the core's), and the .nfproj exactly the glue's, or the ESP32 image would silently miss a file.
/// </summary>
public sealed class SharedProjectTests
{
    private const string ThisDir = "$(MSBuildThisFileDirectory)";

    [Theory]
    [Trait("Category", "Unit")]
    [InlineData("Edge.Protocol")]
    [InlineData("Edge.Node.Core")]
    public void Each_shared_project_lists_exactly_its_source_files(string project)
    {
        string folder = Path.Combine(RepoPaths.Firmware, project);
        XDocument projitems = XDocument.Load(Path.Combine(folder, project + ".projitems"));
        List<string> listed = CompileIncludes(projitems).ToList();
        Assert.All(listed, item => Assert.StartsWith(ThisDir, item, StringComparison.Ordinal));
        SortedSet<string> fromProject = new(listed.Select(i => Normalize(i.Substring(ThisDir.Length))), StringComparer.Ordinal);
        SortedSet<string> onDisk = new(SourceFiles(folder), StringComparer.Ordinal);

        Assert.True(fromProject.Count == listed.Count, "a file is listed twice in " + project + ".projitems");
        Assert.True(onDisk.SetEquals(fromProject), Difference(project + ".projitems", fromProject, onDisk));
    }

    [Fact]
    [Trait("Category", "Unit")]
    public void The_esp32_project_lists_exactly_the_glue_source_files()
    {
        XDocument nfproj = XDocument.Load(Path.Combine(RepoPaths.Esp32, "Edge.Node.Esp32.nfproj"));
        SortedSet<string> fromProject = new(CompileIncludes(nfproj).Select(Normalize), StringComparer.Ordinal);
        SortedSet<string> onDisk = new(SourceFiles(RepoPaths.Esp32), StringComparer.Ordinal);

        Assert.True(onDisk.SetEquals(fromProject), Difference("Edge.Node.Esp32.nfproj", fromProject, onDisk));
    }

    [Theory]
    [Trait("Category", "Unit")]
    [InlineData("Edge.Protocol")]
    [InlineData("Edge.Node.Core")]
    public void The_esp32_project_and_the_shared_project_both_import_the_item_list(string project)
    {
        Assert.Contains(@"..\" + project + @"\" + project + ".projitems", Imports(Path.Combine(RepoPaths.Esp32, "Edge.Node.Esp32.nfproj")));
        Assert.Contains(project + ".projitems", Imports(Path.Combine(RepoPaths.Firmware, project, project + ".shproj")));
    }

    [Fact]
    [Trait("Category", "Unit")]
    public void Every_package_reference_of_the_esp32_project_matches_packages_config()
    {
        XDocument config = XDocument.Load(Path.Combine(RepoPaths.Esp32, "packages.config"));
        Dictionary<string, string> packages = config.Root.Elements("package").ToDictionary(
            p => (string)p.Attribute("id"), p => (string)p.Attribute("version"), StringComparer.Ordinal);
        Assert.All(config.Root.Elements("package"), p => Assert.Equal("netnano1.0", (string)p.Attribute("targetFramework")));

        XDocument nfproj = XDocument.Load(Path.Combine(RepoPaths.Esp32, "Edge.Node.Esp32.nfproj"));
        List<string> hintPaths = nfproj.Descendants().Where(e => e.Name.LocalName == "HintPath").Select(e => e.Value).ToList();
        Assert.NotEmpty(hintPaths);
        HashSet<string> used = new(StringComparer.Ordinal);
        foreach (string hint in hintPaths)
        {
            Assert.StartsWith(@"..\packages\", hint, StringComparison.Ordinal);
            string folder = hint.Split('\\')[2];
            KeyValuePair<string, string> match = packages.SingleOrDefault(p => folder == p.Key + "." + p.Value);
            Assert.True(match.Key != null, hint + " names no package of packages.config (id and version must both match)");
            used.Add(match.Key);
        }

        Assert.True(used.SetEquals(packages.Keys), "packages.config has packages no HintPath uses: " + string.Join(", ", packages.Keys.Except(used)));
    }

    private static IEnumerable<string> CompileIncludes(XDocument project)
    {
        return project.Descendants().Where(e => e.Name.LocalName == "Compile").Select(e => (string)e.Attribute("Include"));
    }

    private static IEnumerable<string> Imports(string projectFile)
    {
        return XDocument.Load(projectFile).Descendants().Where(e => e.Name.LocalName == "Import").Select(e => (string)e.Attribute("Project"));
    }

    private static IEnumerable<string> SourceFiles(string directory)
    {
        return Directory.EnumerateFiles(directory, "*.cs", SearchOption.AllDirectories)
            .Select(f => Normalize(Path.GetRelativePath(directory, f)))
            .Where(f => !f.StartsWith("obj/", StringComparison.Ordinal) && !f.StartsWith("bin/", StringComparison.Ordinal));
    }

    private static string Normalize(string path)
    {
        return path.Replace('\\', '/');
    }

    private static string Difference(string project, SortedSet<string> listed, SortedSet<string> onDisk)
    {
        return project + " is out of step with the folder. Missing from it: [" + string.Join(", ", onDisk.Except(listed))
            + "]; listed but absent: [" + string.Join(", ", listed.Except(onDisk)) + "]";
    }
}
