using System.Text.Json;
using System.Text.Json.Nodes;
using SocialPrescribing.Messaging.Audit;
using SocialPrescribing.ServiceDirectory.Infrastructure.Import;
using SocialPrescribing.ServiceDirectory.Model;

namespace SocialPrescribing.ServiceDirectory.Features.EditOrganization;

/// <summary>An organisation saved from its ORUK record, for the API and the admin page alike.</summary>
public static class EditOrganizationHandler
{
    /// <summary>
    /// Adds an organisation (<paramref name="existing"/> null) or changes one from an ORUK organization
    /// record, checked against the ORUK schema; audited. The errors are keyed by JSON pointer.
    /// </summary>
    public static async Task<(Organization? Saved, Dictionary<string, string[]> Errors)> SaveOrganizationAsync(
        AdminServices services, JsonObject body, Organization? existing, CancellationToken cancellationToken)
    {
        var (input, errors) = ReadOrganization(body);
        if (input is not null && existing is not null && input.Id != existing.Id)
        {
            errors["/id"] = [$"The body is organisation {input.Id}, not {existing.Id}."];
            input = null;
        }

        if (input is null)
        {
            return (null, errors);
        }

        var organization = existing ?? services.Db.Organizations.Add(new Organization { Id = input.Id }).Entity;
        organization.Name = input.Name!.Trim();
        organization.Description = input.Description!;
        organization.Email = input.Email;
        organization.Website = input.Website;
        organization.Uri = input.Uri;
        services.Db.Audit(services.Http, "write", DirectoryAudit.Organization, [organization.Id], services.Time);
        await services.Db.SaveChangesAsync(cancellationToken);
        return (organization, errors);
    }

    private static (OrganizationInput? Input, Dictionary<string, string[]> Errors) ReadOrganization(JsonObject body)
    {
        var errors = new Dictionary<string, string[]>();
        using var document = JsonDocument.Parse(body.ToJsonString());
        var failures = OrukSchemas.Check("compiled/organization.json", document.RootElement);
        OrganizationInput? input = null;
        if (failures.Count == 0)
        {
            input = document.RootElement.Deserialize<OrganizationInput>(OrukImport.JsonOptions);
            if (string.IsNullOrWhiteSpace(input?.Name) || input.Name.Length > 200)
            {
                errors["/name"] = ["A name of 1 to 200 characters is needed."];
            }

            if (input?.Description is null || input.Description.Length > 4000)
            {
                errors["/description"] = ["A description of at most 4000 characters is needed."];
            }
        }

        foreach (var group in failures.GroupBy(AdminRequests.Field, AdminRequests.Reason))
        {
            errors[group.Key] = [.. group];
        }

        return errors.Count > 0 ? (null, errors) : (input, errors);
    }
}
