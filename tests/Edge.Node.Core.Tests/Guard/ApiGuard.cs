using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace Edge.Node.Core.Tests.Guard;

/// <summary>
/// Reads the metadata of an assembly compiled against nanoFramework's real mscorlib (tests/Edge.Node.Core.Nano) and
/// lists what the compiler could not refuse: every generic instantiation, generic definition and multi-dimensional
/// array (mscorlib 1.x declares Action&lt;T&gt;, Func&lt;T&gt; and EventHandler&lt;T&gt;, and the compiler accepts
/// int[,], but the 1.x runtime runs none of them), and every type or member taken from an assembly other than
/// mscorlib (the signature-only System.Math) that the allowlist does not name with its nanoFramework source.
/// What mscorlib itself declares needs no allowlist: the compiler already checked it against the real assembly.
/// </summary>
internal static class ApiGuard
{
    /// <summary>The shared-source assemblies: a reference from one into another is checked where it is defined.</summary>
    private static readonly HashSet<string> Portable = new(StringComparer.Ordinal) { "Edge.Protocol", "Edge.Node.Core" };

    /// <summary>The assembly the compiler checked every reference into; nothing else is taken on trust.</summary>
    private const string RealAssembly = "mscorlib";

    public static List<string> FindViolations(string assemblyPath, Allowlist allow) => FindViolations(File.ReadAllBytes(assemblyPath), allow);

    public static List<string> FindViolations(byte[] image, Allowlist allow)
    {
        using var pe = new PEReader(new MemoryStream(image));
        var reader = pe.GetMetadataReader();
        var names = new TypeNameProvider(reader);
        var buildOnly = AssemblyAttributeConstructors(reader);
        var found = new SortedSet<string>(StringComparer.Ordinal);

        foreach (var handle in reader.TypeReferences)
        {
            string name = names.Name(handle);
            string assembly = names.AssemblyOf(handle);
            if (!allow.Allows(name) && !buildOnly.Types.Contains(name) && !Portable.Contains(assembly) && assembly != RealAssembly)
            {
                found.Add("type " + name);
            }
        }

        foreach (var handle in reader.MemberReferences)
        {
            var parent = reader.GetMemberReference(handle).Parent;
            if (buildOnly.Constructors.Contains(handle)
                || (parent.Kind == HandleKind.TypeReference && Portable.Contains(names.AssemblyOf((TypeReferenceHandle)parent)))
                || (parent.Kind == HandleKind.TypeReference && names.AssemblyOf((TypeReferenceHandle)parent) == RealAssembly))
            {
                continue;
            }

            string name = MemberName(reader, names, handle);
            if (!allow.Allows(name))
            {
                found.Add("member " + name);
            }
        }

        for (int row = 1; row <= reader.GetTableRowCount(TableIndex.TypeSpec); row++)
        {
            string spec = names.Name(MetadataTokens.TypeSpecificationHandle(row));
            if (spec.Contains('<', StringComparison.Ordinal) || spec.Contains('!', StringComparison.Ordinal))
            {
                found.Add("generic instantiation " + spec);
            }
            else if (spec.Contains(',', StringComparison.Ordinal))
            {
                found.Add("multi-dimensional array " + spec);
            }
        }

        for (int row = 1; row <= reader.GetTableRowCount(TableIndex.MethodSpec); row++)
        {
            var spec = reader.GetMethodSpecification(MetadataTokens.MethodSpecificationHandle(row));
            string method = spec.Method.Kind == HandleKind.MemberReference
                ? MemberName(reader, names, (MemberReferenceHandle)spec.Method)
                : names.Name(reader.GetMethodDefinition((MethodDefinitionHandle)spec.Method).GetDeclaringType()) + "::" + reader.GetString(reader.GetMethodDefinition((MethodDefinitionHandle)spec.Method).Name);
            found.Add("generic method instantiation " + method + "<" + string.Join(",", spec.DecodeSignature(names, null)) + ">");
        }

        foreach (var handle in reader.TypeDefinitions)
        {
            var type = reader.GetTypeDefinition(handle);
            if (type.GetGenericParameters().Count > 0)
            {
                found.Add("generic definition " + names.Name(handle));
            }

            foreach (var methodHandle in type.GetMethods())
            {
                var method = reader.GetMethodDefinition(methodHandle);
                if (method.GetGenericParameters().Count > 0)
                {
                    found.Add("generic definition " + names.Name(handle) + "::" + reader.GetString(method.Name));
                }
            }
        }

        return [.. found];
    }

    public static string MemberName(MetadataReader reader, TypeNameProvider names, MemberReferenceHandle handle)
    {
        var member = reader.GetMemberReference(handle);
        string parent = names.Name(member.Parent);
        string name = parent + "::" + reader.GetString(member.Name);
        if (member.GetKind() != MemberReferenceKind.Method)
        {
            return name;
        }

        var signature = member.DecodeMethodSignature(names, null);
        return name + "(" + string.Join(",", signature.ParameterTypes) + ")";
    }

    /// <summary>
    /// Assembly- and module-level attributes (CompilationRelaxations, RuntimeCompatibility, Debuggable) are
    /// written by the .NET compiler into the net10.0 build's metadata; no device code runs them, and the
    /// nanoFramework build emits only the ones its own mscorlib defines. They are not the core's API use.
    /// </summary>
    private static (HashSet<MemberReferenceHandle> Constructors, HashSet<string> Types) AssemblyAttributeConstructors(MetadataReader reader)
    {
        var constructors = new HashSet<MemberReferenceHandle>();
        var types = new HashSet<string>(StringComparer.Ordinal);
        var names = new TypeNameProvider(reader);
        var attributes = reader.GetAssemblyDefinition().GetCustomAttributes().Concat(reader.GetModuleDefinition().GetCustomAttributes());
        foreach (var attributeHandle in attributes)
        {
            var attribute = reader.GetCustomAttribute(attributeHandle);
            if (attribute.Constructor.Kind != HandleKind.MemberReference)
            {
                continue;
            }

            var ctor = (MemberReferenceHandle)attribute.Constructor;
            constructors.Add(ctor);
            var member = reader.GetMemberReference(ctor);
            types.Add(names.Name(member.Parent));
            foreach (string parameter in member.DecodeMethodSignature(names, null).ParameterTypes)
            {
                types.Add(parameter);
            }
        }

        return (constructors, types);
    }
}
