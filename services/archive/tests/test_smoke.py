from mcr.archive.v1 import archive_service_pb2 as pb
from mcr.archive.v1 import customer_pb2
from mcr.common.v1 import money_pb2


async def test_create_then_get(stub, auth):
    created = await stub.CreateCustomer(
        pb.CreateCustomerRequest(
            customer=customer_pb2.Customer(
                display_name="华南移动",
                industry="telecom",
                country_code="CN",
                annual_revenue=money_pb2.Money(currency_code="CNY", units=1_000_000),
            ),
            request_id="r-1",
        ),
        metadata=auth(),
    )
    assert created.name.startswith("customers/")
    got = await stub.GetCustomer(pb.GetCustomerRequest(name=created.name), metadata=auth())
    assert got.display_name == "华南移动"
    assert got.region == "cn-south"
