using SocialPrescribing.ServiceDirectory.Model;

namespace SocialPrescribing.ServiceDirectory.Infrastructure.Seed;

/// <summary>
/// The needs taxonomy: what a person would like help with, with the same codes referrals use
/// (API.md). Reference data, present in every environment; the ids never change, so other systems
/// may keep them.
/// </summary>
public static class NeedsTaxonomy
{
    public static readonly Taxonomy Taxonomy = new()
    {
        Id = Guid.Parse("d2358f3e-82ef-5161-a614-2e7fb5ef54e8"),
        Name = "Social prescribing needs",
        Description = "What a person would like help with, as used on referrals.",
        Uri = "https://example.org/taxonomies/sp-needs",
        Version = "1",
    };

    public static readonly IReadOnlyList<(Guid Id, string Code, string Name)> Terms =
    [
        new(Guid.Parse("19301eb5-db94-5bfe-9574-76f3134ef839"), "loneliness", "Loneliness and isolation"),
        new(Guid.Parse("a76a3259-97e6-50cc-adab-95d9333e9cb1"), "mental-wellbeing", "Mental wellbeing"),
        new(Guid.Parse("c3c5e0d6-4796-5f81-a851-535fe5b8f4ae"), "physical-activity", "Physical activity"),
        new(Guid.Parse("f2797092-a05a-5818-bc72-297fc227453b"), "money", "Money and benefits"),
        new(Guid.Parse("647342cd-2d61-5f3b-b432-e07559be2d94"), "debt", "Debt"),
        new(Guid.Parse("dee05e48-5e5c-5690-ba36-bc0753e787b3"), "housing", "Housing"),
        new(Guid.Parse("38c2e9f5-7fbb-5b6d-9821-fe558acb2ab7"), "employment", "Employment and volunteering"),
        new(Guid.Parse("254db0f6-4298-57b7-99ef-817402f6926e"), "carers", "Carers"),
        new(Guid.Parse("14a63241-c04b-519c-a4de-2e2a1b1dcd13"), "bereavement", "Bereavement"),
        new(Guid.Parse("4140b269-9a25-593f-9179-2939da4faf95"), "arts-culture", "Arts and culture"),
        new(Guid.Parse("846f4e4e-c134-51d1-bbb7-37c22af52fee"), "nature", "Nature and outdoors"),
        new(Guid.Parse("789177bb-89f7-5e3e-9032-86292b9044fe"), "learning", "Learning"),
        new(Guid.Parse("d9eadecb-2e86-5642-bb79-b32f46095005"), "food", "Food"),
        new(Guid.Parse("13061237-6b05-588c-99c9-81424c821ad5"), "digital-skills", "Digital skills"),
        new(Guid.Parse("9bd9ee27-f05a-5d8d-a4f3-38e4419d4d6e"), "other", "Other"),
    ];
}
