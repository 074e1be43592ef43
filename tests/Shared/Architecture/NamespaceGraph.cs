using System.Reflection;
using System.Reflection.Emit;

namespace Edge.Tests.Shared.Architecture;

/// <summary>
/// Which namespaces of one assembly use which: every type a type names in its signatures (base, interfaces,
/// fields, properties, parameters, returns, generic arguments) or in its method bodies (every type, method and
/// field token in the IL), with nested and compiler-generated types (closures, state machines) counted as their
/// outermost declaring type. Read from the compiled assembly, so nothing a using directive hides is missed.
/// </summary>
internal sealed class NamespaceGraph
{
    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    private readonly Assembly _assembly;
    private readonly string _root;
    private readonly Dictionary<string, Dictionary<string, string>> _edges = new(StringComparer.Ordinal);

    private NamespaceGraph(Assembly assembly, string root)
    {
        _assembly = assembly;
        _root = root;
    }

    /// <summary>Namespace to the namespaces it uses, each with one example of the use.</summary>
    public IReadOnlyDictionary<string, Dictionary<string, string>> Edges => _edges;

    public static NamespaceGraph Of(Assembly assembly, string root)
    {
        var graph = new NamespaceGraph(assembly, root);
        foreach (Type type in assembly.GetTypes())
        {
            graph.Scan(type);
        }

        return graph;
    }

    /// <summary>Every group of namespaces that use each other in a ring (Tarjan's strongly connected components).</summary>
    public List<List<string>> Cycles()
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var cycles = new List<List<string>>();
        int next = 0;

        void Visit(string v)
        {
            index[v] = low[v] = next++;
            stack.Push(v);
            onStack.Add(v);
            foreach (string w in _edges.GetValueOrDefault(v)?.Keys ?? Enumerable.Empty<string>())
            {
                if (!index.ContainsKey(w))
                {
                    Visit(w);
                    low[v] = Math.Min(low[v], low[w]);
                }
                else if (onStack.Contains(w))
                {
                    low[v] = Math.Min(low[v], index[w]);
                }
            }

            if (low[v] == index[v])
            {
                var component = new List<string>();
                string w;
                do
                {
                    w = stack.Pop();
                    onStack.Remove(w);
                    component.Add(w);
                }
                while (w != v);
                if (component.Count > 1)
                {
                    cycles.Add([.. component.Order(StringComparer.Ordinal)]);
                }
            }
        }

        foreach (string v in _edges.Keys.Concat(_edges.Values.SelectMany(e => e.Keys)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            if (!index.ContainsKey(v))
            {
                Visit(v);
            }
        }

        return cycles;
    }

    /// <summary>The namespaces that use <paramref name="target"/>.</summary>
    public IEnumerable<string> UsersOf(string target) => _edges.Where(e => e.Value.ContainsKey(target)).Select(e => e.Key);

    /// <summary>One line per cycle with an example reference for each edge inside it, for a failure message.</summary>
    public string Describe(IEnumerable<List<string>> cycles) => string.Join("\n", cycles.Select(c =>
        string.Join(" <-> ", c) + ":\n  " + string.Join("\n  ", c.SelectMany(a => c.Where(b => _edges.GetValueOrDefault(a)?.ContainsKey(b) == true)
            .Select(b => a + " -> " + b + " (" + _edges[a][b] + ")")))));

    private static Type Outermost(Type type)
    {
        while (type.DeclaringType is not null)
        {
            type = type.DeclaringType;
        }

        return type;
    }

    private void Scan(Type type)
    {
        string from = Outermost(type).Namespace ?? "";
        if (!from.StartsWith(_root, StringComparison.Ordinal))
        {
            return;
        }

        string where = Outermost(type).Name;
        Use(from, type.BaseType, where);
        foreach (Type i in type.GetInterfaces())
        {
            Use(from, i, where);
        }

        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        foreach (FieldInfo field in type.GetFields(all))
        {
            Use(from, field.FieldType, where + "." + field.Name);
        }

        foreach (PropertyInfo property in type.GetProperties(all))
        {
            Use(from, property.PropertyType, where + "." + property.Name);
        }

        foreach (MethodBase method in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
        {
            string at = where + "." + method.Name;
            if (method is MethodInfo info)
            {
                Use(from, info.ReturnType, at);
            }

            foreach (ParameterInfo parameter in method.GetParameters())
            {
                Use(from, parameter.ParameterType, at);
            }

            ScanBody(from, method, at);
        }
    }

    private void ScanBody(string from, MethodBase method, string at)
    {
        byte[]? il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null)
        {
            return;
        }

        Type[] typeArgs = method.DeclaringType is { IsGenericType: true } t ? t.GetGenericArguments() : [];
        Type[] methodArgs = method.IsGenericMethod ? method.GetGenericArguments() : [];
        int pos = 0;
        while (pos < il.Length)
        {
            short value = il[pos] == 0xFE ? (short)(0xFE00 | il[pos + 1]) : il[pos];
            pos += il[pos] == 0xFE ? 2 : 1;
            OpCode op = OpCodesByValue[value];
            switch (op.OperandType)
            {
                case OperandType.InlineMethod:
                case OperandType.InlineField:
                case OperandType.InlineType:
                case OperandType.InlineTok:
                    int token = BitConverter.ToInt32(il, pos);
                    MemberInfo? member = method.Module.ResolveMember(token, typeArgs, methodArgs);
                    Use(from, member as Type ?? member?.DeclaringType, at);
                    if (member is MethodInfo called)
                    {
                        Use(from, called.ReturnType, at);
                    }

                    break;
            }

            pos += op.OperandType switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 + (4 * BitConverter.ToInt32(il, pos)),
                _ => 4,
            };
        }
    }

    private void Use(string from, Type? type, string where)
    {
        if (type is null)
        {
            return;
        }

        if (type.HasElementType)
        {
            Use(from, type.GetElementType(), where);
            return;
        }

        if (type.IsGenericType && !type.IsGenericTypeDefinition)
        {
            foreach (Type arg in type.GetGenericArguments())
            {
                Use(from, arg, where);
            }
        }

        if (type.IsGenericParameter)
        {
            return;
        }

        string to = Outermost(type).Namespace ?? "";
        if (to == from || type.Assembly != _assembly || !to.StartsWith(_root, StringComparison.Ordinal))
        {
            return;
        }

        if (!_edges.TryGetValue(from, out Dictionary<string, string>? uses))
        {
            _edges[from] = uses = new(StringComparer.Ordinal);
        }

        uses.TryAdd(to, where + " uses " + type.Name);
    }
}
