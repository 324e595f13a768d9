resource "aws_lb_listener" "admin" {
  load_balancer_arn = aws_lb.admin.arn
  port              = var.admin_port
  protocol          = var.admin_protocol # ruleid: TD-I019

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.admin.arn
  }
}

resource "aws_lb_listener" "portal" {
  load_balancer_arn = aws_lb.portal.arn
  port              = 443
  protocol          = var.portal_protocol # ok: TD-I019

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.portal.arn
  }
}
