import graphene


class InvoiceType(graphene.ObjectType):
    id = graphene.ID()
    total = graphene.Float()


class Query(graphene.ObjectType):
    invoices = graphene.List(InvoiceType)
    recent_invoices = graphene.List(InvoiceType, first=graphene.Int(), after=graphene.String())

    # ruleid: TD-D008
    def resolve_invoices(root, info):
        return Invoice.objects.all()

    # ok: TD-D008
    def resolve_recent_invoices(root, info, first=20, after=None):
        return Invoice.objects.all()[:first]
