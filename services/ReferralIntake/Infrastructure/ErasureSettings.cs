namespace SocialPrescribing.ReferralIntake.Infrastructure;

/// <summary>
/// Whether the law lets a person's data be erased, by the lawful basis the controller processes it on
/// (UK GDPR Article 17(3): under a public task, for instance, the controller may keep it and restrict
/// its use instead). <c>Privacy:LawfulBasis</c> names the basis (default <c>public-task</c>, Article
/// 6(1)(e)); <c>Privacy:Erasure:{basis}</c> says <c>erase</c> or <c>restrict-only</c> for it. A value
/// that is neither stops the service at start, naming the setting.
/// </summary>
public sealed record ErasureSettings(string LawfulBasis, bool ErasureAllowed)
{
    public const string BasisSetting = "Privacy:LawfulBasis";
    public const string Erase = "erase";
    public const string RestrictOnly = "restrict-only";

    /// <summary>Each lawful basis of UK GDPR Article 6(1) and what erasure under it does by default.</summary>
    public static readonly IReadOnlyDictionary<string, string> Defaults = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["consent"] = Erase,                  // 6(1)(a)
        ["contract"] = Erase,                 // 6(1)(b)
        ["legal-obligation"] = RestrictOnly,  // 6(1)(c)
        ["vital-interests"] = RestrictOnly,   // 6(1)(d)
        ["public-task"] = Erase,              // 6(1)(e): the deploying body decides with its IG lead
        ["legitimate-interests"] = Erase,     // 6(1)(f)
    };

    public static ErasureSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var basis = configuration[BasisSetting] is { Length: > 0 } given ? given.Trim() : "public-task";
        if (!Defaults.TryGetValue(basis, out var mode))
        {
            throw new InvalidOperationException(
                $"{BasisSetting} is '{basis}': it must be one of {string.Join(", ", Defaults.Keys)} (UK GDPR Article 6(1)).");
        }

        foreach (var (each, _) in Defaults)
        {
            var setting = $"Privacy:Erasure:{each}";
            if (configuration[setting] is { Length: > 0 } value && value.Trim() is not (Erase or RestrictOnly))
            {
                throw new InvalidOperationException($"{setting} is '{value}': it must be '{Erase}' or '{RestrictOnly}'.");
            }
        }

        var chosen = configuration[$"Privacy:Erasure:{basis}"] is { Length: > 0 } configured ? configured.Trim() : mode;
        return new ErasureSettings(basis, chosen == Erase);
    }
}
