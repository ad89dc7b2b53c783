using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SocialPrescribing.ServiceDirectory.Features.OrukRecords;
using SocialPrescribing.ServiceDirectory.Infrastructure;

namespace SocialPrescribing.ServiceDirectory.Pages.Directory;

/// <summary>One service for the public: what it is, when, where, cost, access, how to join, and "refer myself".</summary>
public sealed class ServiceModel(DirectoryDbContext db, TimeProvider time) : PageModel
{
    public ServiceListing Listing { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var found = await ServiceListing.LoadAsync(db, [new SearchHit(id, null)], time.GetUtcNow(), cancellationToken);
        if (found.Count == 0)
        {
            return NotFound();
        }

        Listing = found[0];
        return Page();
    }
}
