using System.Security.Claims;
using Microsoft.AspNetCore.Http;

namespace SocialPrescribing.WebUI;

/// <summary>A staff screen in the header: where it is, its name, and the roles that may use it.</summary>
public sealed record StaffScreen(string Path, string Label, IReadOnlyList<string> Roles);

/// <summary>
/// The staff header's navigation: the screens the signed-in user's role may use, on every page they see (public pages
/// too, such as the directory), the current one marked. Roles are the suite's (<c>SuiteRoles</c>); each screen's own
/// authorisation still decides — this only offers the way there.
/// </summary>
public static class StaffNavigation
{
    private const string CallHandler = "callhandler";
    private const string LinkWorker = "linkworker";
    private const string Provider = "provider";
    private const string Manager = "manager";
    private const string Admin = "admin";
    private const string Professional = "professional";
    private const string Safeguarding = "safeguarding";

    public static readonly IReadOnlyList<StaffScreen> Screens =
    [
        new("/caseworker", "Caseload", [LinkWorker, Manager]),
        new("/caseworker/diary", "Diary", [LinkWorker, Manager]),
        new("/caseworker/team", "Team", [Manager]),
        new("/people", "People", [LinkWorker, Manager]),
        new("/intake", "Phone referral", [CallHandler]),
        new("/refer/professional", "Refer someone", [Professional]),
        new("/provider", "Provider inbox", [Provider]),
        new("/provider/services", "Your services", [Provider]),
        new("/directory", "Directory", [LinkWorker, Manager, Provider, Admin, CallHandler, Professional, Safeguarding]),
        new("/safeguarding", "Safeguarding", [Safeguarding, Manager, LinkWorker]),
        new("/reports", "Reports", [Manager]),
        new("/notifications/messages", "Messages", [Manager]),
        new("/admin/directory", "Directory admin", [Admin]),
        new("/people/retention", "Retention", [Admin]),
    ];

    /// <summary>The screens <paramref name="user"/> may use, in order, with the one <paramref name="path"/> is on marked.</summary>
    public static IReadOnlyList<(StaffScreen Screen, bool Current)> For(ClaimsPrincipal user, PathString path)
    {
        ArgumentNullException.ThrowIfNull(user);
        var mine = Screens.Where(s => s.Roles.Any(user.IsInRole)).ToList();
        // The most specific screen holding the page: /people/retention is Retention, /caseworker/cases/… is Caseload.
        var current = mine.Where(s => path.StartsWithSegments(s.Path, StringComparison.OrdinalIgnoreCase)).MaxBy(s => s.Path.Length);
        return [.. mine.Select(s => (s, s == current))];
    }
}
