variable "worker_actions" {
  type    = list(string)
  default = ["*"]
}

variable "worker_queues" {
  type    = list(string)
  default = ["arn:aws:sqs:eu-west-1:111122223333:clinic-jobs"]
}
