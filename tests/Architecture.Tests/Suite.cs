using System.Collections.Concurrent;

namespace SocialPrescribing.Architecture.Tests;

/// <summary>The suite's assemblies and their root namespaces; each one's shape is read once.</summary>
internal static class Suite
{
    /// <summary>The deployable services (each under <c>services/</c>).</summary>
    public static readonly IReadOnlyDictionary<string, string> Services = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["ReferralIntake"] = "SocialPrescribing.ReferralIntake",
        ["CaseManagement"] = "SocialPrescribing.CaseManagement",
        ["ServiceDirectory"] = "SocialPrescribing.ServiceDirectory",
        ["WellbeingMetrics"] = "SocialPrescribing.WellbeingMetrics",
        ["Notifications"] = "SocialPrescribing.Notifications",
        ["Identity"] = "SocialPrescribing.Identity",
    };

    /// <summary>The shared libraries with folders of their own (each under <c>services/Shared/</c>).</summary>
    public static readonly IReadOnlyDictionary<string, string> Libraries = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Messaging"] = "SocialPrescribing.Messaging",
        ["Persistence"] = "SocialPrescribing.Persistence",
    };

    private static readonly ConcurrentDictionary<string, ServiceShape> Shapes = new(StringComparer.Ordinal);

    public static ServiceShape Shape(string assembly) =>
        Shapes.GetOrAdd(assembly, name => ServiceShape.Of(name, Services.TryGetValue(name, out var ns) ? ns : Libraries[name]));
}
