using System.Net.Http.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SocialPrescribing.Authentication;
using SocialPrescribing.Messaging.Retention;
using SocialPrescribing.ReferralIntake.Infrastructure;

namespace SocialPrescribing.ReferralIntake.Pages.People;

/// <summary>
/// For managers: the retention schedule every service applies, and what each one's last runs removed (Intake's
/// from its own database, the others' through their <c>/retention</c> routes with the manager's own token).
/// </summary>
[Authorize]
public sealed class RetentionModel(ReferralDbContext db, RetentionJob<ReferralDbContext> job, IHttpClientFactory clients) : PageModel
{
    private static readonly (string Service, string Name, string Path)[] Others =
    [
        (ResourceNames.CaseManagement, "Case Management", "/api/cases/retention"),
        (ResourceNames.WellbeingMetrics, "Wellbeing Metrics", "/api/wellbeing/retention"),
        (ResourceNames.ServiceDirectory, "Service Directory", "/api/directory/retention"),
        (ResourceNames.Notifications, "Notifications", "/api/notifications/retention"),
    ];

    /// <summary>Each service's report, or null when it could not be had just now.</summary>
    public List<(string Name, RetentionReport? Report)> Services { get; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!User.IsInRole(SuiteRoles.Manager) && !User.IsInRole(SuiteRoles.Admin))
        {
            return NotFound();
        }

        Services.Add(("Referral Intake", (await RetentionExtensions.ReportAsync(db, job, ResourceNames.ReferralIntake, cancellationToken)).Value));
        var asked = Others.Select(async other => (other.Name, await AskAsync(other.Service, other.Path, cancellationToken))).ToList();
        foreach (var answer in asked)
        {
            Services.Add(await answer);
        }

        return Page();
    }

    private async Task<RetentionReport?> AskAsync(string service, string path, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await clients.CreateClient(service).GetAsync(path, cancellationToken);
            return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<RetentionReport>(cancellationToken) : null;
        }
        catch (Exception e) when (e is HttpRequestException or System.Text.Json.JsonException or Polly.ExecutionRejectedException
                                      or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }
}
