using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SocialPrescribing.ServiceDirectory.Features;

namespace SocialPrescribing.ServiceDirectory.Pages.Admin;

/// <summary>
/// A directory admin page: reached through the gateway, which signs the person in and relays their
/// access token. Anyone signed in without the admin role gets a page that says why (403).
/// </summary>
[Authorize]
public abstract class AdminPageModel(IAuthorizationService authorization) : PageModel
{
    public bool Allowed { get; private set; }

    /// <summary>Field id → what is wrong, in the order the form asks.</summary>
    public Dictionary<string, string> Errors { get; } = [];

    [TempData] public string? Done { get; set; }

    /// <summary>Who may use the page: directory admins, unless a page says otherwise.</summary>
    protected virtual string Policy => AccessPolicies.DirectoryAdmin;

    public string? ErrorFor(string field) => Errors.GetValueOrDefault(field);

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        Allowed = (await authorization.AuthorizeAsync(User, Policy)).Succeeded;
        if (!Allowed)
        {
            context.Result = new PageResult { StatusCode = StatusCodes.Status403Forbidden };
            return;
        }

        await next();
    }

    /// <summary>The page again, with its mistakes named (400).</summary>
    protected PageResult Invalid()
    {
        ViewData["HasErrors"] = true;
        return new PageResult { StatusCode = StatusCodes.Status400BadRequest };
    }
}
