using SocialPrescribing.Authentication;

namespace SocialPrescribing.Identity.Model;

/// <summary>
/// Which roles must sign in with a second factor (<c>Identity:RequireMfa</c>): a comma-separated list of
/// roles, <c>all</c> or <c>none</c>. Unset, it is <c>manager,admin,safeguarding</c> outside Development and <c>none</c>
/// in Development, so the development scripts (password grant) keep working.
/// </summary>
public sealed class MfaRequirement
{
    public const string Setting = "Identity:RequireMfa";
    private static readonly IReadOnlyList<string> KnownRoles = SuiteRoles.All;

    private readonly bool _all;
    private readonly HashSet<string> _roles;

    private MfaRequirement(bool all, IEnumerable<string> roles)
    {
        _all = all;
        _roles = new HashSet<string>(roles, StringComparer.OrdinalIgnoreCase);
    }

    public static MfaRequirement From(IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        var value = configuration[Setting]?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return environment.IsDevelopment() ? new(false, []) : new(false, [SuiteRoles.Manager, SuiteRoles.Admin, SuiteRoles.Safeguarding]);
        }

        if (value.Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            return new(false, []);
        }

        if (value.Equals("all", StringComparison.OrdinalIgnoreCase))
        {
            return new(true, []);
        }

        var roles = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var unknown = roles.Where(r => !KnownRoles.Contains(r, StringComparer.OrdinalIgnoreCase)).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidOperationException(
                $"{Setting} names roles that do not exist ({string.Join(", ", unknown)}): use a comma-separated list of {string.Join(", ", KnownRoles)}, or all, or none.");
        }

        return new(false, roles);
    }

    public bool IsRequiredFor(IEnumerable<string> roles) => _all || roles.Any(_roles.Contains);

    public override string ToString() => _all ? "all" : _roles.Count == 0 ? "none" : string.Join(",", _roles.Order());
}
