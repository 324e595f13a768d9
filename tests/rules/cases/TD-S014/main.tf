resource "aws_api_gateway_method" "list_orders" {
  rest_api_id   = aws_api_gateway_rest_api.shop.id
  resource_id   = aws_api_gateway_resource.orders.id
  http_method   = "GET"
  authorization = "NONE" # ruleid: TD-S014
}

resource "aws_api_gateway_method" "preflight" {
  http_method   = "OPTIONS"
  authorization = "NONE" # ok: TD-S014
}

resource "aws_api_gateway_method" "create_order" {
  http_method   = "POST"
  authorization = "COGNITO_USER_POOLS" # ok: TD-S014
  authorizer_id = aws_api_gateway_authorizer.users.id
}

# ruleid: TD-S014
resource "aws_apigatewayv2_route" "refunds" {
  api_id    = aws_apigatewayv2_api.shop.id
  route_key = "POST /refunds"
}

resource "aws_apigatewayv2_route" "me" {
  api_id             = aws_apigatewayv2_api.shop.id
  route_key          = "GET /me"
  authorization_type = "JWT" # ok: TD-S014
  authorizer_id      = aws_apigatewayv2_authorizer.jwt.id
}
