using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SocialPrescribing.ServiceDirectory.Features;
using SocialPrescribing.ServiceDirectory.Features.EditOrganization;
using SocialPrescribing.ServiceDirectory.Infrastructure;

namespace SocialPrescribing.ServiceDirectory.Pages.Admin;

/// <summary>Add an organisation that runs services, or change its details; saved as the API saves one.</summary>
public sealed class OrganizationEditModel(DirectoryDbContext db, TimeProvider time, IAuthorizationService authorization) : AdminPageModel(authorization)
{
    private static readonly Dictionary<string, string> FieldOf = new()
    {
        ["/name"] = "name", ["/description"] = "description", ["/website"] = "website", ["/email"] = "email",
    };

    [FromRoute] public Guid? Id { get; set; }

    [BindProperty] public string? Name { get; set; }

    [BindProperty] public string? Description { get; set; }

    [BindProperty] public string? Website { get; set; }

    [BindProperty] public string? Email { get; set; }

    public bool Adding => Id is null;

    public List<(Guid Id, string Name)> Services { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (Adding)
        {
            return Page();
        }

        var organization = await db.Organizations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == Id, cancellationToken);
        if (organization is null)
        {
            return NotFound();
        }

        (Name, Description, Website, Email) = (organization.Name, organization.Description, organization.Website, organization.Email);
        Services = [.. (await db.Services.AsNoTracking().Where(s => s.OrganizationId == Id).OrderBy(s => s.Name)
            .Select(s => new { s.Id, s.Name }).ToListAsync(cancellationToken)).Select(s => (s.Id, s.Name))];
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var existing = Adding ? null : await db.Organizations.SingleOrDefaultAsync(o => o.Id == Id, cancellationToken);
        if (!Adding && existing is null)
        {
            return NotFound();
        }

        if (string.IsNullOrWhiteSpace(Name))
        {
            Errors["name"] = "Enter the organisation's name";
        }

        if (string.IsNullOrWhiteSpace(Description))
        {
            Errors["description"] = "Say what the organisation does";
        }

        if (Errors.Count > 0)
        {
            return Invalid();
        }

        var body = new JsonObject { ["id"] = (existing?.Id ?? Guid.NewGuid()).ToString(), ["name"] = Name!.Trim(), ["description"] = Description!.Trim() };
        if (!string.IsNullOrWhiteSpace(Website))
        {
            body["website"] = Website.Trim();
        }

        if (!string.IsNullOrWhiteSpace(Email))
        {
            body["email"] = Email.Trim();
        }

        var (saved, errors) = await EditOrganizationHandler.SaveOrganizationAsync(new AdminServices(db, time, HttpContext), body, existing, cancellationToken);
        if (saved is null)
        {
            foreach (var (pointer, messages) in errors)
            {
                Errors.TryAdd(FieldOf.GetValueOrDefault(pointer, "name"), pointer switch
                {
                    "/website" => "Enter the website as a full address, like https://example.org",
                    "/email" => "Enter an email address, like groups@example.org",
                    _ => messages[0],
                });
            }

            return Invalid();
        }

        Done = $"{saved.Name} {(Adding ? "added to" : "saved in")} the directory.";
        return Redirect($"/admin/directory/organizations/{saved.Id}");
    }
}
