namespace SocialPrescribing.Architecture.Tests;

/// <summary>
/// The shape every service keeps (docs/architecture.md, "Layout"): one folder per use case under
/// <c>Features/</c>, called by its endpoint and its page alike; <c>Model</c> uses nothing above it;
/// <c>Infrastructure</c> never reaches up into a use case, a page or a consumer; pages never call an
/// endpoint; only <c>Program</c> uses <c>Extensions</c> (the composition root); and no folder loops.
/// </summary>
public sealed class ServiceShapeTests
{
    public static TheoryData<string> Services => [.. Suite.Services.Keys];

    public static TheoryData<string> Assemblies => [.. Suite.Services.Keys, .. Suite.Libraries.Keys];

    [Theory]
    [MemberData(nameof(Assemblies))]
    public void No_folder_depends_on_itself_through_another(string assembly)
    {
        var loops = Suite.Shape(assembly).Loops();
        Assert.True(loops.Count == 0, $"{assembly} has folder loops:\n  {string.Join("\n  ", loops)}");
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void Model_uses_nothing_above_it(string assembly)
    {
        var shape = Suite.Shape(assembly);
        AssertNoUse(shape, "Model", shape.Parts.Keys.Where(p => p != "Model"));
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void Infrastructure_never_reaches_up_into_a_use_case_a_page_or_a_consumer(string assembly)
    {
        var shape = Suite.Shape(assembly);
        AssertNoUse(shape, "Infrastructure",
            shape.Parts.Keys.Where(p => p.StartsWith(ServiceShape.Features, StringComparison.Ordinal) || p is ServiceShape.Pages or "IntegrationEvents" or "Extensions" or "Apis"));
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void Use_cases_live_in_features_and_pages_call_their_handlers_not_their_endpoints(string assembly)
    {
        var shape = Suite.Shape(assembly);
        Assert.False(shape.Parts.ContainsKey("Apis"), $"{assembly} still has an Apis folder: each endpoint belongs in its use case's folder under Features/.");
        var endpoints = shape.Parts
            .Where(p => p.Key.StartsWith(ServiceShape.Features, StringComparison.Ordinal))
            .SelectMany(p => p.Value)
            .Where(t => t.EndsWith("Endpoint", StringComparison.Ordinal) || t.EndsWith("Endpoints", StringComparison.Ordinal))
            .ToList();
        var offending = endpoints.SelectMany(e => shape.UsersOf(ServiceShape.Pages, e)).Distinct().ToList();
        Assert.True(offending.Count == 0, $"Pages of {assembly} call endpoints instead of handlers: {string.Join(", ", offending)}");
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void Only_Program_uses_the_composition_root(string assembly)
    {
        var shape = Suite.Shape(assembly);
        foreach (var part in shape.Parts.Keys.Where(p => p != "Extensions"))
        {
            AssertNoUse(shape, part, ["Extensions"]);
        }
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void A_service_knows_no_other_service_and_Identity_needs_no_messaging(string assembly)
    {
        var referenced = Suite.Shape(assembly).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        var others = referenced.Where(r => Suite.Services.ContainsKey(r) && r != assembly).ToList();
        Assert.True(others.Count == 0, $"{assembly} references {string.Join(", ", others)}: services talk through events and HTTP only.");
        if (assembly == "Identity")
        {
            Assert.DoesNotContain("Messaging", referenced);
        }
    }

    private static void AssertNoUse(ServiceShape shape, string from, IEnumerable<string> forbidden)
    {
        var found = forbidden.Select(to => (To: to, Users: shape.Uses(from, to))).Where(u => u.Users.Count > 0)
            .Select(u => $"{from} → {u.To} ({string.Join(", ", u.Users.Select(shape.Short))})")
            .ToList();
        Assert.True(found.Count == 0, $"{shape.RootNamespace}:\n  {string.Join("\n  ", found)}");
    }
}
