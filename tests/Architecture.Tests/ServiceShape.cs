using System.Reflection;
using System.Text.RegularExpressions;
using NetArchTest.Rules;

namespace SocialPrescribing.Architecture.Tests;

/// <summary>
/// A service (or library) seen as its folders: each top-level folder is a part (<c>Model</c>,
/// <c>Infrastructure</c>, <c>Pages</c>, …), and each use case under <c>Features/</c> is a part of its own
/// (<c>Features/SubmitReferral</c>), beside <c>Features</c> itself for what the use cases share. Compiled
/// Razor views count as <c>Pages</c>. The dependencies between parts are read from the compiled
/// assembly with NetArchTest (Mono.Cecil), so they include everything the code uses, not only usings.
/// </summary>
public sealed class ServiceShape
{
    public const string Features = "Features";
    public const string Pages = "Pages";
    private const string RazorViews = "AspNetCoreGeneratedDocument";

    private ServiceShape(Assembly assembly, string rootNamespace, IReadOnlyDictionary<string, IReadOnlyList<string>> parts)
    {
        Assembly = assembly;
        RootNamespace = rootNamespace;
        Parts = parts;
    }

    public Assembly Assembly { get; }

    public string RootNamespace { get; }

    /// <summary>Each part and the full names of its (top-level) types.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Parts { get; }

    public static ServiceShape Of(string assemblyName, string rootNamespace)
    {
        var assembly = Assembly.Load(assemblyName);
        var parts = Types.InAssembly(assembly).GetTypes()
            .Where(t => !t.IsNested)
            .Select(t => (Part: PartOf(t.Namespace, rootNamespace), Name: t.FullName!))
            .Where(t => t.Part is not null)
            .GroupBy(t => t.Part!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.Select(t => t.Name)], StringComparer.Ordinal);
        return new ServiceShape(assembly, rootNamespace, parts);
    }

    /// <summary><c>Model</c>, <c>Features</c>, <c>Features/SubmitReferral</c>; null for the root namespace (Program) and generated code.</summary>
    public static string? PartOf(string? ns, string rootNamespace)
    {
        if (ns == RazorViews)
        {
            return Pages;
        }

        if (ns is null || !ns.StartsWith(rootNamespace + ".", StringComparison.Ordinal))
        {
            return null;
        }

        var segments = ns[(rootNamespace.Length + 1)..].Split('.');
        return segments[0] == Features && segments.Length > 1 ? $"{Features}/{segments[1]}" : segments[0];
    }

    /// <summary>The regular expression for the namespaces of a part.</summary>
    private string NamespacesOf(string part)
    {
        var ns = Regex.Escape(RootNamespace + "." + part.Replace('/', '.'));
        return part switch
        {
            Pages => $"^({ns}(\\..*)?|{RazorViews})$",
            Features => $"^{ns}$",
            _ => $"^{ns}(\\..*)?$",
        };
    }

    /// <summary>The types of <paramref name="from"/> that use a type of <paramref name="to"/> (empty when none do).</summary>
    public IReadOnlyList<string> Uses(string from, string to)
    {
        if (!Parts.ContainsKey(from) || !Parts.TryGetValue(to, out var targets))
        {
            return [];
        }

        var result = Types.InAssembly(Assembly)
            .That().ResideInNamespaceMatching(NamespacesOf(from))
            .ShouldNot().HaveDependencyOnAny([.. targets])
            .GetResult();
        return result.IsSuccessful ? [] : [.. result.FailingTypeNames ?? []];
    }

    /// <summary>The types of <paramref name="part"/> that use the type <paramref name="typeName"/>, as "Pages.X → Features.Y.Z".</summary>
    public IReadOnlyList<string> UsersOf(string part, string typeName)
    {
        var result = Types.InAssembly(Assembly)
            .That().ResideInNamespaceMatching(NamespacesOf(part))
            .ShouldNot().HaveDependencyOn(typeName)
            .GetResult();
        return result.IsSuccessful ? [] : [.. (result.FailingTypeNames ?? []).Select(t => $"{Short(t)} → {Short(typeName)}")];
    }

    /// <summary>Every dependency between two different parts, with the types that make it.</summary>
    public IReadOnlyDictionary<(string From, string To), IReadOnlyList<string>> Dependencies()
    {
        var edges = new Dictionary<(string, string), IReadOnlyList<string>>();
        foreach (var from in Parts.Keys)
        {
            foreach (var to in Parts.Keys.Where(to => to != from))
            {
                if (Uses(from, to) is { Count: > 0 } users)
                {
                    edges[(from, to)] = users;
                }
            }
        }

        return edges;
    }

    /// <summary>
    /// The loops among the parts: each strongly connected group of two or more parts (Tarjan), with
    /// the dependencies that close it, e.g. "Infrastructure → Apis (ReferralSubmitter)".
    /// </summary>
    public IReadOnlyList<string> Loops()
    {
        var edges = Dependencies();
        var next = Parts.Keys.ToDictionary(p => p, p => edges.Keys.Where(e => e.From == p).Select(e => e.To).ToList(), StringComparer.Ordinal);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var loops = new List<string>();

        void Visit(string part)
        {
            index[part] = low[part] = index.Count;
            stack.Push(part);
            onStack.Add(part);
            foreach (var to in next[part])
            {
                if (!index.ContainsKey(to))
                {
                    Visit(to);
                    low[part] = Math.Min(low[part], low[to]);
                }
                else if (onStack.Contains(to))
                {
                    low[part] = Math.Min(low[part], index[to]);
                }
            }

            if (low[part] != index[part])
            {
                return;
            }

            var group = new List<string>();
            string member;
            do
            {
                member = stack.Pop();
                onStack.Remove(member);
                group.Add(member);
            }
            while (member != part);

            if (group.Count > 1)
            {
                var inside = edges.Where(e => group.Contains(e.Key.From) && group.Contains(e.Key.To))
                    .Select(e => $"{e.Key.From} → {e.Key.To} ({string.Join(", ", e.Value.Select(Short))})");
                loops.Add(string.Join("; ", inside));
            }
        }

        foreach (var part in Parts.Keys.Order(StringComparer.Ordinal))
        {
            if (!index.ContainsKey(part))
            {
                Visit(part);
            }
        }

        return loops;
    }

    public string Short(string typeName) =>
        typeName.StartsWith(RootNamespace + ".", StringComparison.Ordinal) ? typeName[(RootNamespace.Length + 1)..] : typeName;
}
